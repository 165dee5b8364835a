package dev.errand.queue;

import java.time.Duration;
import java.util.List;

/**
 * Adds jobs to queues. Inject it anywhere:
 *
 * <pre>{@code
 * final class RegisterUser {
 *   @Inject RegisterUser(QueueService queue) { this.queue = queue; }
 *
 *   void register(User user) {
 *     queue.add(Jobs.WELCOME, new WelcomeEmail(user.email(), user.firstName()));
 *     queue.add("activity", "log-activity", Map.of("user", user.id()));
 *   }
 * }
 * }</pre>
 *
 * <p>Payloads are written with Jackson; a payload it cannot write fails the add at once. A queue
 * needs no consumer in the adding process.
 */
public interface QueueService {

  /**
   * Adds a job.
   *
   * @return the job's id: the {@link JobOptions#jobId()} if one was given (and the existing job's
   *     id when a job with it already exists), a generated one otherwise
   * @throws IllegalArgumentException when the payload cannot be written as JSON
   */
  String add(String queue, String name, Object payload, JobOptions options);

  default String add(String queue, String name, Object payload) {
    return add(queue, name, payload, JobOptions.defaults());
  }

  default <T> String add(JobType<T> type, T payload) {
    return add(type.queue(), type.name(), payload, JobOptions.defaults());
  }

  default <T> String add(JobType<T> type, T payload, JobOptions options) {
    return add(type.queue(), type.name(), payload, options);
  }

  /**
   * Adds many jobs in as few round trips as the backend allows: one per queue on Redis.
   *
   * @return the ids, in the order of {@code jobs}
   */
  List<String> addBulk(List<NewJob> jobs);

  /**
   * Adds a job and waits until it completes or fails for good, wherever it runs. A job that is
   * retried is waited for across its retries.
   *
   * @throws JobWaitTimeoutException when it has not finished within {@code timeout}; the job itself
   *     goes on
   */
  JobOutcome addAndWait(
      String queue, String name, Object payload, JobOptions options, Duration timeout);

  default <T> JobOutcome addAndWait(JobType<T> type, T payload, Duration timeout) {
    return addAndWait(type.queue(), type.name(), payload, JobOptions.defaults(), timeout);
  }
}
