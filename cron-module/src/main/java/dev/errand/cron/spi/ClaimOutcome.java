package dev.errand.cron.spi;

/** What {@link CronStore#claim} decided about a tick. */
public enum ClaimOutcome {
  /** This caller owns the tick: a RUNNING run is recorded and the caller must run the job. */
  RUN,
  /** Another run of the job is still going: the tick is recorded as SKIPPED. */
  SKIPPED,
  /** Another instance already claimed this tick: nothing to do. */
  TAKEN,
  /** The job is disabled: nothing is recorded. */
  PAUSED
}
