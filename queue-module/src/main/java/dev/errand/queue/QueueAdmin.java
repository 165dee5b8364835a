package dev.errand.queue;

import java.util.List;
import java.util.Optional;

/** Looks into queues and acts on their jobs; the same on every backend. */
public interface QueueAdmin {

  /** How many jobs the queue holds in each state. */
  QueueCounts counts(String queue);

  /** One job, if it is still stored. */
  Optional<JobInfo> job(String queue, String id);

  /** The jobs in one state, newest first ({@link JobState#WAITING}: in the order they will run). */
  List<JobInfo> jobs(String queue, JobState state, int offset, int limit);

  /**
   * Moves a failed or dead job back to waiting with its attempts reset.
   *
   * @return false when the job is not failed or dead
   */
  boolean retry(String queue, String id);
}
