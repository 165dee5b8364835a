package dev.errand.testing.internal;

import dev.errand.cron.CronJobStatus;
import dev.errand.cron.CronRun;
import dev.errand.cron.CronService;
import dev.errand.cron.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Moves the test's clock and fires the cron ticks it passes, in time order. The application's cron
 * layer schedules nothing itself in a test ({@code CRON_ENABLED=false}); each tick is run through
 * {@link CronService#trigger} with the clock standing on the tick, so it is claimed, run and
 * recorded as a scheduled tick would be, except that its {@code CronContext.manual()} is true.
 */
public final class CronTicker {

  /** Bounds a tick that never returns, so a test fails instead of hanging. */
  private static final long TICK_TIMEOUT_SECONDS = 60;

  private final ManualClock clock;
  private final CronService cron;

  /**
   * @param cron the application's cron service, or null when it has no cron layer
   */
  public CronTicker(ManualClock clock, CronService cron) {
    this.clock = clock;
    this.cron = cron;
  }

  /**
   * Moves the clock to {@code target}, stopping on each tick due by then to fire it.
   *
   * @throws AssertionError when a tick's run fails; the clock then stands on that tick
   */
  public void advanceTo(Instant target) {
    while (cron != null) {
      // Due jobs are read before the clock moves: standing on a tick, a job's next run is later.
      List<CronJobStatus> jobs = cron.jobs();
      Instant tick =
          jobs.stream()
              .map(CronJobStatus::nextRun)
              .filter(next -> next != null && !next.isAfter(target))
              .min(Instant::compareTo)
              .orElse(null);
      if (tick == null) {
        break;
      }
      clock.set(tick);
      for (CronJobStatus job : jobs) {
        if (tick.equals(job.nextRun())) {
          fire(job.id(), tick);
        }
      }
    }
    clock.set(target);
  }

  private void fire(String id, Instant tick) {
    CronRun run;
    try {
      run = cron.trigger(id).get(TICK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while cron job " + id + " ran", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Cron job " + id + " could not run its tick at " + tick, e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError(
          "Cron job "
              + id
              + " was still running its tick at "
              + tick
              + " after "
              + TICK_TIMEOUT_SECONDS
              + " s",
          e);
    }
    if (run.status() == RunStatus.FAILURE) {
      throw new AssertionError(
          "Cron job " + id + " failed on its tick at " + tick + ": " + run.error());
    }
  }
}
