package dev.errand.cron.internal;

import dev.errand.core.Failures;
import dev.errand.cron.spi.CronStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews the lease of each run this process is doing, every third of {@code CRON_RUN_LEASE}, so
 * that other instances can tell a run that is going from one whose process died: a killed instance
 * stops renewing and its run no longer blocks the job once the lease has run out.
 *
 * <p>One timer thread paces the renewals; each renewal is a store call on a virtual thread of its
 * own, so a slow store delays no other run's renewal.
 */
final class RunLeases {

  private static final Logger log = LoggerFactory.getLogger(RunLeases.class);

  private final CronStore store;
  private final Clock clock;
  private final Duration period;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("errand-cron-lease").daemon(true).factory());

  RunLeases(CronStore store, Clock clock, Duration lease) {
    this.store = store;
    this.clock = clock;
    this.period = lease.dividedBy(3);
  }

  /** Starts renewing the run of {@code tick}; closing the result stops it. */
  Renewal renew(String jobId, Instant tick) {
    AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
    Runnable renewOnce =
        () -> Thread.ofVirtual().name("errand-cron-renew").start(() -> once(jobId, tick, self));
    self.set(
        timer.scheduleAtFixedRate(
            renewOnce, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS));
    return () -> self.get().cancel(false);
  }

  private void once(String jobId, Instant tick, AtomicReference<ScheduledFuture<?>> self) {
    if (self.get().isCancelled()) {
      return;
    }
    try {
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      if (!store.renew(jobId, tick, now) && !self.get().isCancelled()) {
        self.get().cancel(false);
        log.warn(
            "Cron job {} lost its run of {}: another instance took it over after its lease ran"
                + " out. The run goes on here, so it may overlap the next one; if this process was"
                + " paused (GC, a suspended VM) longer than CRON_RUN_LEASE, raise that setting",
            jobId,
            tick);
      }
    } catch (RuntimeException e) {
      // A missed renewal is retried on the next period; only a lease's worth of them is harmful.
      log.warn(
          "Cron job {} could not renew the lease of its run of {}: {}",
          jobId,
          tick,
          Failures.rootMessage(e));
    }
  }

  /** Stops the timer; called once no run is left. */
  void stop() {
    timer.shutdownNow();
  }

  /** The renewal of one run. */
  interface Renewal extends AutoCloseable {
    @Override
    void close();
  }
}
