package dev.errand.queue.spi;

import dev.errand.queue.JobState;

/**
 * The states whose jobs are finished, which {@link dev.errand.queue.QueueAdmin#clean} and {@link
 * dev.errand.queue.QueueAdmin#trim} take; every backend refuses the others in the same words.
 */
public final class FinishedStates {

  private FinishedStates() {}

  /** {@code state}, if it is completed, failed or dead. */
  public static JobState check(JobState state) {
    if (state != JobState.COMPLETED && state != JobState.FAILED && state != JobState.DEAD) {
      throw new IllegalArgumentException(
          "Only completed, failed or dead jobs can be cleaned, not "
              + state.code()
              + ": use drain for waiting jobs, remove for one job, cancel for a running one");
    }
    return state;
  }
}
