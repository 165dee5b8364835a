package dev.errand.queue;

import java.sql.Connection;
import java.time.Duration;

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
public interface QueueService extends JobAdder {

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

  /**
   * Adds jobs in the caller's own JDBC transaction on {@code connection}, so they exist exactly
   * when it commits: a use case that rolls back leaves no job behind, and one that commits cannot
   * lose its jobs to a failed add afterwards. With {@code JOBS_BACKEND=postgres} the jobs are rows
   * written on that connection, which must reach the database the backend uses.
   *
   * <pre>{@code
   * try (Connection c = dataSource.getConnection()) {
   *   c.setAutoCommit(false);
   *   long commentId = comments.insert(c, comment);
   *   queue.inTransaction(c).add(Jobs.MENTION, new Mention(commentId));
   *   c.commit();
   * }
   * }</pre>
   *
   * <p>jOOQ: {@code dsl.transaction(cfg -> cfg.dsl().connection(c -> queue.inTransaction(c)...))};
   * JDBI: {@code queue.inTransaction(handle.getConnection())}; Hibernate: {@code session.doWork(c
   * -> queue.inTransaction(c)...)}.
   *
   * @throws UnsupportedOperationException when the backend cannot join a JDBC transaction (memory,
   *     redis)
   */
  default JobAdder inTransaction(Connection connection) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " cannot add jobs in a JDBC transaction");
  }
}
