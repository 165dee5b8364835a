package dev.errand.queue.internal.history;

import dev.errand.queue.JobAttempt;
import dev.errand.queue.JobFailure;
import dev.errand.queue.spi.RunInfo;

/** Builds the attempts backends keep from what workers report. */
public final class Attempts {

  private Attempts() {}

  public static JobAttempt of(int attempt, RunInfo run, JobFailure failure) {
    return new JobAttempt(
        attempt, run.startedAt(), run.finishedAt(), run.worker(), run.took().toMillis(), failure);
  }
}
