package dev.errand.cron.internal;

import dev.errand.cron.CronRun;
import dev.errand.cron.CronService;
import dev.errand.cron.CronSettings;
import dev.errand.cron.CronTotals;
import dev.errand.cron.spi.CronStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the jobs' ticks, claims each through the {@link CronStore}, runs the claimed ones on
 * virtual threads and records how they ended. {@link CronControl} is its face for users.
 *
 * <p>One platform timer thread waits for ticks; claiming (network I/O) and running happen on
 * virtual threads so that a slow store or job never delays another job's tick.
 */
public final class CronScheduler {

  private static final Logger log = LoggerFactory.getLogger(CronScheduler.class);

  private final CronSettings settings;
  private final Map<String, CronJob> jobs = new ConcurrentSkipListMap<>();
  private final CronStore store;
  private final Clock clock;
  private final String instance;
  private final TickRunner ticks;
  private final RunLeases leases;
  private final ExecutorService runners =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("errand-cron-", 0).factory());
  private ScheduledExecutorService timer;
  private volatile boolean stopping;

  public CronScheduler(
      CronSettings settings, List<CronJob> jobs, CronStore store, Clock clock, String instance) {
    this.settings = settings;
    this.store = store;
    this.clock = clock;
    this.instance = instance;
    this.leases = new RunLeases(store, clock, settings.runLease());
    this.ticks = new TickRunner(settings, store, clock, instance, leases);
    jobs.forEach(job -> this.jobs.put(job.id(), job));
  }

  /** Lets the store create what it needs; called at the adapter's start. */
  public void prepare() {
    store.prepare(jobs.keySet());
  }

  /**
   * Adds a job at runtime, or replaces the one with its id, and schedules it if firing has begun. A
   * run of the replaced job that is going finishes; its next tick belongs to the new one.
   */
  public synchronized void add(CronJob job) {
    store.prepare(List.of(job.id()));
    jobs.put(job.id(), job);
    if (timer != null && !stopping && job.enabledBySetting()) {
      scheduleAfter(job, clock.instant().minusMillis(1));
    }
  }

  /** Removes a job: it fires no more ticks; a run that is going finishes. */
  public synchronized boolean remove(String id) {
    return jobs.remove(id) != null;
  }

  /** Runs opted-in missed ticks, then begins firing; called once the whole app is up. */
  public synchronized void start() {
    if (timer != null || stopping) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("errand-cron-timer").daemon(true).factory());
    Instant now = clock.instant();
    for (CronJob job : jobs.values()) {
      if (job.enabledBySetting()) {
        if (job.runMissed()) {
          missedTick(job, now).ifPresent(tick -> runners.submit(() -> fire(job, tick, false)));
        }
        // A tick exactly at start time is due now, not missed.
        scheduleAfter(job, now.minusMillis(1));
      }
    }
    log.info("Cron scheduling {} job(s) with the {} store", jobs.size(), settings.store());
  }

  /** The latest tick before {@code now} when it is later than anything in the history. */
  Optional<Instant> missedTick(CronJob job, Instant now) {
    Optional<Instant> previous = job.schedule().previous(now.minusMillis(1));
    if (previous.isEmpty()) {
      return Optional.empty();
    }
    List<CronRun> last = store.history(job.id(), 1);
    // With no history the job is new here, so nothing was missed.
    if (last.isEmpty() || !previous.get().isAfter(last.getFirst().scheduledAt())) {
      return Optional.empty();
    }
    log.info("Cron job {} missed its tick at {}; running it once now", job.id(), previous.get());
    return previous;
  }

  private void scheduleAfter(CronJob job, Instant after) {
    if (stopping) {
      return;
    }
    Optional<Instant> next = job.schedule().next(after);
    if (next.isEmpty()) {
      return;
    }
    long delay = Math.max(0, Duration.between(clock.instant(), next.get()).toMillis());
    timer.schedule(() -> onTimer(job, next.get()), delay, TimeUnit.MILLISECONDS);
  }

  private void onTimer(CronJob job, Instant tick) {
    try {
      advance(job, tick);
    } catch (RuntimeException e) {
      // An exception would end this job's chain of timers silently; keep it going instead.
      log.error("Cron job {} could not be rescheduled after {}; retrying in 1s", job.id(), tick, e);
      if (!stopping) {
        timer.schedule(() -> onTimer(job, tick), 1, TimeUnit.SECONDS);
      }
    }
  }

  private void advance(CronJob job, Instant tick) {
    // A job removed or replaced at runtime ends its chain of timers here.
    if (stopping || jobs.get(job.id()) != job) {
      return;
    }
    Instant now = clock.instant();
    if (now.isBefore(tick)) {
      // The timer and the clock disagree by a little; wait out the rest.
      timer.schedule(
          () -> onTimer(job, tick),
          Duration.between(now, tick).toMillis() + 1,
          TimeUnit.MILLISECONDS);
      return;
    }
    runners.submit(() -> fire(job, tick, false));
    // A late timer (a paused VM, a suspended laptop) resumes from now: missed ticks are skipped.
    scheduleAfter(job, now.isAfter(tick) ? now : tick);
  }

  /** Claims one tick and, when this instance owns it, runs the job and records the outcome. */
  public CronRun fire(CronJob job, Instant tick, boolean manual) {
    return ticks.fire(job, tick, manual);
  }

  /** Stops firing, waits up to the grace period for running jobs, then interrupts them. */
  public void stop() {
    synchronized (this) {
      if (stopping) {
        return;
      }
      stopping = true;
    }
    if (timer != null) {
      timer.shutdownNow();
    }
    runners.shutdown();
    try {
      if (!runners.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "Cron jobs still running after CRON_SHUTDOWN_GRACE={}; interrupting them",
            settings.shutdownGrace());
        runners.shutdownNow();
        runners.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      runners.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      leases.stop();
    }
  }

  public boolean isScheduling() {
    return timer != null && !stopping;
  }

  public CronStore store() {
    return store;
  }

  /** Runs the job now on a runner thread; see {@link CronService#trigger}. */
  CompletableFuture<CronRun> triggerNow(CronJob job) {
    if (stopping) {
      throw new IllegalStateException(
          "Cannot trigger " + job.id() + ": the cron layer has stopped");
    }
    return CompletableFuture.supplyAsync(() -> manualRun(job), runners);
  }

  private CronRun manualRun(CronJob job) {
    Instant tick = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    CronRun run = fire(job, tick, true);
    if (run != null) {
      return run;
    }
    // Not run: the history holds the SKIPPED record of this tick, unless the claim failed.
    return store.history(job.id(), 1).stream()
        .filter(latest -> latest.scheduledAt().equals(tick))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Cron job "
                        + job.id()
                        + " could not be triggered: its claim failed (see log)"));
  }

  CronTotals totals() {
    return ticks.totals();
  }

  Clock clock() {
    return clock;
  }

  /** The jobs this scheduler knows, ordered by id. */
  public Map<String, CronJob> jobsById() {
    return Collections.unmodifiableMap(jobs);
  }
}
