package dev.errand.cron.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to own one tick of one job.
 *
 * @param jobId the job's id
 * @param scheduledAt the tick, at millisecond precision
 * @param now the caller's clock; recorded as the start, and the reference for staleness
 * @param staleAfter a RUNNING run started at or before {@code now - staleAfter} no longer blocks,
 *     however recently it renewed its lease: it is alive but hung
 * @param lease a RUNNING run whose latest renewal (or start) is at or before {@code now - lease} no
 *     longer blocks: its instance stopped renewing, so it presumably died
 * @param instance the claiming instance, for the history
 * @param ignorePause true for manual triggers, which run even when the job is disabled
 */
public record TickClaim(
    String jobId,
    Instant scheduledAt,
    Instant now,
    Duration staleAfter,
    Duration lease,
    String instance,
    boolean ignorePause) {

  public TickClaim {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(scheduledAt, "scheduledAt");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(staleAfter, "staleAfter");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(instance, "instance");
  }

  /**
   * Why a RUNNING run of the job, started at {@code startedAt} and last renewed at {@code
   * renewedAt} (its start if never), no longer blocks this claim: the error to record on it, or
   * empty while it still blocks. A run whose lease ran out is taken as abandoned even before it
   * would be stale.
   */
  public Optional<String> overdue(Instant startedAt, Instant renewedAt) {
    if (!renewedAt.isAfter(now.minus(lease))) {
      return Optional.of(abandonedError());
    }
    if (!startedAt.isAfter(now.minus(staleAfter))) {
      return Optional.of(staleError());
    }
    return Optional.empty();
  }

  /** The error recorded on a run that was found RUNNING past the threshold. */
  public String staleError() {
    return "Stale: still RUNNING after "
        + staleAfter
        + " (CRON_STALE_AFTER); it is hung or its instance died";
  }

  /** The error recorded on a run whose lease ran out: nobody renewed it within the lease. */
  public String abandonedError() {
    return "Abandoned: its lease was not renewed for "
        + lease
        + " (CRON_RUN_LEASE); its instance presumably died";
  }
}
