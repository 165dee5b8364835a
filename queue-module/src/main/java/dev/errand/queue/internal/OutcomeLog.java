package dev.errand.queue.internal;

/**
 * Which job outcomes a queue's workers log ({@code JOBS_OUTCOME_LOG}, per queue {@code
 * JOBS_QUEUE_<QUEUE>_OUTCOME_LOG}): every failure (the default: retries at WARN, jobs that failed
 * for good at ERROR), only jobs that failed for good, or none (for a queue whose failures are
 * expected and watched elsewhere).
 */
public enum OutcomeLog {
  FAILURES(true, true),
  DEAD(false, true),
  NONE(false, false);

  private final boolean retries;
  private final boolean deaths;

  OutcomeLog(boolean retries, boolean deaths) {
    this.retries = retries;
    this.deaths = deaths;
  }

  boolean retries() {
    return retries;
  }

  boolean deaths() {
    return deaths;
  }
}
