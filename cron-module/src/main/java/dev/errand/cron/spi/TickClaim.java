package dev.errand.cron.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A request to own one tick of one job.
 *
 * @param jobId the job's id
 * @param scheduledAt the tick, at millisecond precision
 * @param now the caller's clock; recorded as the start, and the reference for staleness
 * @param staleAfter a RUNNING run started at or before {@code now - staleAfter} no longer blocks
 * @param instance the claiming instance, for the history
 * @param ignorePause true for manual triggers, which run even when the job is disabled
 */
public record TickClaim(
    String jobId,
    Instant scheduledAt,
    Instant now,
    Duration staleAfter,
    String instance,
    boolean ignorePause) {

  public TickClaim {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(scheduledAt, "scheduledAt");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(staleAfter, "staleAfter");
    Objects.requireNonNull(instance, "instance");
  }

  /** The error recorded on a run that was found RUNNING past the threshold. */
  public String staleError() {
    return "Stale: still RUNNING after "
        + staleAfter
        + " (CRON_STALE_AFTER); its instance presumably died";
  }
}
