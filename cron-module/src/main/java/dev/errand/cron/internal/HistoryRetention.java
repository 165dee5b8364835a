package dev.errand.cron.internal;

import dev.errand.cron.spi.CronStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The body of the built-in job {@value #JOB_ID}: deletes run history past the retention. */
public final class HistoryRetention {

  /** The built-in job's id; its per-job switch is {@code CRON_JOB_CRON_HISTORY_PRUNE_ENABLED}. */
  public static final String JOB_ID = "CronHistory.prune";

  private static final Logger log = LoggerFactory.getLogger(HistoryRetention.class);

  private HistoryRetention() {}

  /**
   * Prunes every job's history older than {@code retention}; returns the number of runs removed.
   */
  public static int prune(
      CronStore store, Collection<String> jobIds, Duration retention, Clock clock) {
    Instant cutoff = clock.instant().minus(retention);
    int removed = 0;
    for (String jobId : jobIds) {
      removed += store.prune(jobId, cutoff);
    }
    log.info("Cron history retention removed {} run(s) older than {}", removed, cutoff);
    return removed;
  }
}
