package dev.errand.queue.internal;

import dev.errand.queue.JobState;

/** The states whose jobs are finished and may be cleaned. */
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
