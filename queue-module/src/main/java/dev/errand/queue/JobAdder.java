package dev.errand.queue;

import java.util.List;

/**
 * Adds jobs: {@link QueueService} stores each call at once, and the adder {@link
 * QueueService#inTransaction} returns adds inside the caller's JDBC transaction, so its jobs exist
 * exactly when that transaction commits (it never commits or closes the connection itself).
 */
public interface JobAdder {

  /**
   * Adds a job.
   *
   * @return the job's id: the {@link JobOptions#jobId()} if one was given (and the existing job's
   *     id when a job with it already exists), a generated one otherwise
   * @throws IllegalArgumentException when the payload cannot be written as JSON
   * @throws IllegalStateException when the backend fails; in a transaction, roll it back
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
   * Adds many jobs in as few round trips as the backend allows: one per queue on Redis, one
   * statement per queue on PostgreSQL.
   *
   * @return the ids, in the order of {@code jobs}
   */
  List<String> addBulk(List<NewJob> jobs);
}
