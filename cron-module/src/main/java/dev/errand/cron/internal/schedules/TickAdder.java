package dev.errand.cron.internal.schedules;

import dev.errand.core.Failures;
import dev.errand.cron.spi.PendingTick;
import dev.errand.cron.spi.ScheduleStore;
import dev.errand.queue.JobOptions;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the jobs of claimed ticks in bulk, each batch on a thread of its own (a few at once, so the
 * ticker reads its next round meanwhile), tries a failed add again a few times, and settles the
 * ticks' pending records once their jobs are added. A batch that still fails stays pending in the
 * store, and an instance takes it over when its lease ends.
 */
final class TickAdder {

  private static final Logger log = LoggerFactory.getLogger(TickAdder.class);

  /** Bulk adds in flight at once. */
  static final int IN_FLIGHT = 4;

  /** The waits before each new try of a failed add: a blip of the queue's backend passes. */
  private static final List<Duration> RETRIES =
      List.of(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2));

  private final ScheduleStore store;
  private final QueueService queue;
  private final Clock clock;
  private final Semaphore slots = new Semaphore(IN_FLIGHT);

  TickAdder(ScheduleStore store, QueueService queue, Clock clock) {
    this.store = store;
    this.queue = queue;
    this.clock = clock;
  }

  /** Adds {@code jobs}, of the pending {@code ticks} in the same order, in the background. */
  void add(List<NewJob> jobs, List<PendingTick> ticks) {
    inBackground(jobs, () -> addNow(jobs, ticks, null));
  }

  /**
   * Starts the ticks claimed ahead ({@link ScheduleStore#start}) and adds the jobs of those still
   * held, in the background, each delayed until {@code moment}, their tick, should it still be
   * ahead; a tick dropped since its claim (its schedule changed, paused or removed) adds nothing.
   */
  void startAndAdd(List<NewJob> jobs, List<PendingTick> ticks, Instant moment) {
    inBackground(jobs, () -> startAndAddNow(jobs, ticks, moment));
  }

  private void inBackground(List<NewJob> jobs, Runnable work) {
    if (jobs.isEmpty()) {
      return;
    }
    slots.acquireUninterruptibly();
    Thread.ofVirtual()
        .name("errand-schedules-add")
        .start(
            () -> {
              try {
                work.run();
              } finally {
                slots.release();
              }
            });
  }

  private void startAndAddNow(List<NewJob> jobs, List<PendingTick> ticks, Instant moment) {
    List<Boolean> started;
    try {
      started = store.start(ticks);
    } catch (RuntimeException e) {
      // Still held as claimed ahead: an instance takes them over after CRON_RUN_LEASE.
      log.error(
          "Schedules could not start {} tick(s) claimed ahead ({}@{}...): {}; an instance takes"
              + " them over after CRON_RUN_LEASE",
          ticks.size(),
          ticks.getFirst().id(),
          ticks.getFirst().tick(),
          Failures.rootMessage(e),
          e);
      return;
    }
    List<NewJob> kept = new ArrayList<>();
    List<PendingTick> keptTicks = new ArrayList<>();
    for (int i = 0; i < ticks.size(); i++) {
      if (started.get(i)) {
        kept.add(jobs.get(i));
        keptTicks.add(ticks.get(i));
      }
    }
    if (!kept.isEmpty()) {
      addNow(kept, keptTicks, moment);
    }
  }

  private List<NewJob> dueAt(List<NewJob> jobs, Instant moment) {
    Duration until = Duration.between(clock.instant(), moment);
    if (until.isNegative() || until.isZero()) {
      return jobs;
    }
    // Backends keep due times in whole milliseconds: rounded up, and a millisecond more for a
    // backend whose clock reads a fraction behind this one, so that no job falls due before its
    // tick.
    Duration delay = Duration.ofMillis(until.toMillis() + 2);
    List<NewJob> delayed = new ArrayList<>(jobs.size());
    for (NewJob job : jobs) {
      JobOptions options = job.options().toBuilder().delay(delay).build();
      delayed.add(new NewJob(job.queue(), job.name(), job.payload(), options));
    }
    return delayed;
  }

  /** Waits until the adds in flight are done, at most {@code timeout}. */
  void awaitIdle(Duration timeout) throws InterruptedException {
    if (slots.tryAcquire(IN_FLIGHT, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      slots.release(IN_FLIGHT);
    }
  }

  /**
   * Adds the jobs, trying again a few times, then settles their ticks. Given their {@code moment}
   * (added a little ahead of it), each try delays the jobs until then, so none runs early; a try
   * after it adds them due at once.
   */
  private void addNow(List<NewJob> jobs, List<PendingTick> ticks, Instant moment) {
    for (int attempt = 0; ; attempt++) {
      try {
        queue.addBulk(moment == null ? jobs : dueAt(jobs, moment));
        break;
      } catch (RuntimeException e) {
        if (attempt == RETRIES.size()) {
          log.error(
              "Schedules could not enqueue {} job(s) of their claimed ticks ({}...) in {} tries:"
                  + " {}; {}",
              jobs.size(),
              jobs.getFirst().options().jobId().orElse(""),
              attempt + 1,
              Failures.rootMessage(e),
              store.keepsPendingTicks()
                  ? "they stay pending, and an instance takes them over after CRON_RUN_LEASE"
                  : "their store keeps no pending ticks, so these ticks are lost",
              e);
          return;
        }
        log.warn(
            "Schedules could not enqueue {} job(s) of their claimed ticks: {}; trying again in {}",
            jobs.size(),
            Failures.rootMessage(e),
            RETRIES.get(attempt));
        try {
          Thread.sleep(RETRIES.get(attempt));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    try {
      store.settle(ticks);
    } catch (RuntimeException e) {
      // The jobs are added; the ticks will be taken over and added again, which their ids make a
      // no-op while the jobs exist.
      log.warn(
          "Schedules added {} job(s) but could not settle their ticks: {}",
          jobs.size(),
          Failures.rootMessage(e));
    }
  }
}
