package dev.errand.queue;

/**
 * How many jobs a queue holds in each state.
 *
 * @param waiting ready to run
 * @param delayed waiting for their run time
 * @param active running
 * @param completed finished and kept by the retention options
 * @param failed failed for good and kept by the retention options
 * @param dead in the dead-letter list
 * @param paused whether the queue is paused (see {@link QueueAdmin#pause})
 */
public record QueueCounts(
    long waiting,
    long delayed,
    long active,
    long completed,
    long failed,
    long dead,
    boolean paused) {

  /** The counts of a queue that is not paused. */
  public QueueCounts(
      long waiting, long delayed, long active, long completed, long failed, long dead) {
    this(waiting, delayed, active, completed, failed, dead, false);
  }

  /** The count for one state. */
  public long of(JobState state) {
    return switch (state) {
      case WAITING -> waiting;
      case DELAYED -> delayed;
      case ACTIVE -> active;
      case COMPLETED -> completed;
      case FAILED -> failed;
      case DEAD -> dead;
    };
  }
}
