package dev.errand.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Looks into queues and acts on their jobs; the same on every backend. */
public interface QueueAdmin {

  /** How many jobs the queue holds in each state, and whether it is paused. */
  QueueCounts counts(String queue);

  /**
   * Every queue that jobs were added to in this store, sorted by name, whichever process added them
   * or consumes them: what an operator's tools list without being told the queues. A queue stays
   * listed once emptied.
   */
  List<String> queues();

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

  /**
   * Moves every failed and dead job of the queue back to waiting, as {@link #retry} does.
   *
   * @return how many jobs moved
   */
  long retryAll(String queue);

  /**
   * Deletes a job that is not running.
   *
   * @return false when there is no such job, or it is running (cancel it first)
   */
  boolean remove(String queue, String id);

  /**
   * Makes a delayed job (added with a delay, or waiting for a retry) ready to run now.
   *
   * @return false when the job is not delayed
   */
  boolean promote(String queue, String id);

  /**
   * Deletes completed, failed or dead jobs finished more than {@code olderThan} ago.
   *
   * @return how many jobs were deleted
   * @throws IllegalArgumentException for another state
   */
  long clean(String queue, JobState state, Duration olderThan);

  /**
   * Deletes the oldest completed, failed or dead jobs beyond the newest {@code keep}.
   *
   * @return how many jobs were deleted
   * @throws IllegalArgumentException for another state
   */
  long trim(String queue, JobState state, long keep);

  /**
   * Deletes every waiting job of the queue; delayed and running ones stay.
   *
   * @return how many jobs were deleted
   */
  long drain(String queue);

  /** Stops workers everywhere from starting the queue's jobs; adds still land, runs go on. */
  void pause(String queue);

  /** Lets workers start the queue's jobs again. */
  void resume(String queue);

  /**
   * Cancels a running job in whichever process runs it: its {@link JobContext#isCancelled()} turns
   * true and its thread is interrupted; the job fails as cancelled, without a retry.
   *
   * @return false when the job is not running
   */
  boolean cancel(String queue, String id);

  /** This process's figures for the queue's worker ({@link QueueMetrics#none} without one). */
  default QueueMetrics metrics(String queue) {
    return QueueMetrics.none(queue);
  }

  /**
   * This process's outbox relay figures: jobs moved, failed turns, relay delay and the rows waiting
   * ({@code JOBS_OUTBOX=true} on the redis or memory backend; empty when the outbox is off).
   */
  default Optional<OutboxMetrics> outboxMetrics() {
    return Optional.empty();
  }

  /**
   * What the queue's workers in every process finished per minute from {@code from} until {@code
   * to}, oldest first, leaving out minutes without a finished run. Backends keep it for {@code
   * JOBS_HISTORY_RETENTION} (default 25 hours).
   */
  default List<MinuteStats> history(String queue, Instant from, Instant to) {
    return List.of();
  }

  /**
   * The processes consuming queues of this store whose heartbeat lease has not run out, by host
   * then start.
   */
  default List<WorkerProcess> processes() {
    return List.of();
  }

  /**
   * Jobs of the queue whose payload contains {@code text}, ignoring case: in one state, or in every
   * state when {@code state} is null; at most {@code limit}. A backend without an index looks
   * through a bounded number of jobs and says so in {@link JobSearch#complete()}.
   */
  default JobSearch search(String queue, String text, JobState state, int limit) {
    return new JobSearch(List.of(), 0, false);
  }
}
