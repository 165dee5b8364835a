package dev.errand.cron.internal;

import dev.errand.core.Failures;
import dev.errand.cron.CronContext;
import dev.errand.cron.CronRun;
import dev.errand.cron.CronSettings;
import dev.errand.cron.CronTotals;
import dev.errand.cron.RunStatus;
import dev.errand.cron.spi.ClaimOutcome;
import dev.errand.cron.spi.CronStore;
import dev.errand.cron.spi.TickClaim;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does one tick of one job: claims it through the {@link CronStore}, runs the job when this
 * instance owns the tick (renewing the run's lease meanwhile), records the outcome and counts it.
 * {@link CronScheduler} decides when ticks fire.
 */
final class TickRunner {

  // Under the scheduler's name, where operators have always found the cron layer's run messages.
  private static final Logger log = LoggerFactory.getLogger(CronScheduler.class);

  private final CronSettings settings;
  private final CronStore store;
  private final Clock clock;
  private final String instance;
  private final RunLeases leases;
  private final RunCounters counters = new RunCounters();

  TickRunner(
      CronSettings settings, CronStore store, Clock clock, String instance, RunLeases leases) {
    this.settings = settings;
    this.store = store;
    this.clock = clock;
    this.instance = instance;
    this.leases = leases;
  }

  /** What to check when the cron store fails, by the store configured. */
  private String storeHint() {
    return switch (settings.store()) {
      case REDIS -> "Check that Redis answers at REDIS_URL (CRON_STORE=redis)";
      case JDBC -> "Check that the database answers at DATABASE_URL (CRON_STORE=jdbc)";
      case LOCAL -> "Check the cron store";
    };
  }

  /** Claims one tick and, when this instance owns it, runs the job and records the outcome. */
  CronRun fire(CronJob job, Instant tick, boolean manual) {
    Instant scheduled = tick.truncatedTo(ChronoUnit.MILLIS);
    Instant started = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    ClaimOutcome outcome;
    try {
      outcome =
          store.claim(
              new TickClaim(
                  job.id(),
                  scheduled,
                  started,
                  settings.staleAfter(),
                  settings.runLease(),
                  instance,
                  manual));
    } catch (RuntimeException e) {
      // One line per job and tick: the store being down would otherwise print a long stack
      // trace every tick of every job. The trace is there at DEBUG.
      log.warn(
          "Cron job {} could not claim its tick at {}: {}. {}",
          job.id(),
          scheduled,
          Failures.rootMessage(e),
          storeHint());
      log.debug("Claiming the tick of cron job {} failed", job.id(), e);
      return null;
    }
    if (outcome == ClaimOutcome.SKIPPED) {
      counters.skipped();
      log.warn(
          "Cron job {} skipped its tick at {}: its previous run is still going",
          job.id(),
          scheduled);
    }
    if (outcome != ClaimOutcome.RUN) {
      return null;
    }
    RunStatus status = RunStatus.SUCCESS;
    String error = null;
    try (RunLeases.Renewal renewal = leases.renew(job.id(), scheduled)) {
      job.body().run(new CronContext(job.id(), scheduled, manual));
    } catch (Exception | Error e) {
      status = RunStatus.FAILURE;
      error = e.getClass().getName() + ": " + e.getMessage();
      log.error("Cron job {} ({}) failed for its tick at {}", job.id(), job.source(), scheduled, e);
    }
    Instant finished = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Duration took = Duration.between(started, finished).abs();
    if (status == RunStatus.SUCCESS) {
      counters.success(took);
    } else {
      counters.failure(took);
    }
    try {
      store.finish(job.id(), scheduled, status, finished, error);
    } catch (RuntimeException e) {
      log.warn(
          "Cron job {} ran but its outcome could not be recorded: {}. {}",
          job.id(),
          Failures.rootMessage(e),
          storeHint());
      log.debug("Recording the run of cron job {} failed", job.id(), e);
    }
    return new CronRun(job.id(), scheduled, started, finished, status, error, instance);
  }

  CronTotals totals() {
    return counters.totals();
  }
}
