package dev.errand.cron;

/** The state of one run of a cron job. */
public enum RunStatus {
  /** Started and not finished yet (or its instance died; see {@code CRON_STALE_AFTER}). */
  RUNNING,
  /** Returned normally. */
  SUCCESS,
  /** Threw, was interrupted at shutdown, or was left running past the stale threshold. */
  FAILURE,
  /** Not run because an earlier run of the same job was still going. */
  SKIPPED
}
