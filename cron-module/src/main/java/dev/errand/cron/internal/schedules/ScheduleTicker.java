package dev.errand.cron.internal.schedules;

import dev.errand.core.Failures;
import dev.errand.cron.Misfire;
import dev.errand.cron.internal.ScheduleParser;
import dev.errand.cron.spi.DueTick;
import dev.errand.cron.spi.PendingTick;
import dev.errand.cron.spi.ScheduleClaim;
import dev.errand.cron.spi.ScheduleStore;
import dev.errand.cron.spi.StoredSchedule;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns due ticks into queue jobs. Each instance runs one: it reads the schedules due now from the
 * store's index (never all schedules), claims their ticks in one atomic step per batch, so that of
 * all instances exactly one enqueues each tick, and adds the jobs with their deterministic ids in
 * one bulk add. Between batches it sleeps until the earliest next tick, at most {@link #IDLE}, or
 * until a schedule changes here. A claimed tick stays pending in the store until its job is added;
 * one whose lease ends first (its instance died between claim and add) is taken over by whichever
 * instance looks next.
 */
public final class ScheduleTicker {

  private static final Logger log = LoggerFactory.getLogger(ScheduleTicker.class);

  /** Schedules handled per round trip. */
  static final int BATCH = 200;

  /**
   * Due ticks read per round: several batches, of which each instance takes a batch at a random
   * place, so instances working through a burst mostly claim different ticks instead of racing for
   * the same ones.
   */
  private static final int WINDOW = 4 * BATCH;

  /** The longest sleep: how soon a schedule made on another instance is seen at the latest. */
  static final Duration IDLE = Duration.ofSeconds(1);

  private final ScheduleStore store;
  private final TicksCache ticksCache;
  private final Clock clock;
  private final Duration lease;
  private final Duration takeOverEvery;
  private final TickAdder adder;
  private final Semaphore wake = new Semaphore(0);
  private volatile boolean running;
  private Thread thread;
  private Instant nextTakeOver = Instant.MIN;

  /**
   * @param lease how long a tick this instance claimed stays its own to add ({@code
   *     CRON_RUN_LEASE}): if its job is not added by then (this instance died, or its adds kept
   *     failing), another instance takes the tick over and adds it
   */
  public ScheduleTicker(
      ScheduleStore store, QueueService queue, ScheduleParser parser, Clock clock, Duration lease) {
    this.store = store;
    this.ticksCache = new TicksCache(parser);
    this.clock = clock;
    this.lease = lease;
    // Expired leases are looked for four times a lease: a dead instance's ticks are added within
    // 1.25 leases, for a few commands a minute.
    this.takeOverEvery = lease.dividedBy(4);
    this.adder = new TickAdder(store, queue);
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = Thread.ofVirtual().name("errand-schedules").start(this::loop);
  }

  /** Stops ticking and waits for the adds of claimed ticks to finish. */
  public void stop() {
    Thread current;
    synchronized (this) {
      running = false;
      current = thread;
    }
    if (current != null) {
      wake.release();
      try {
        current.join(Duration.ofSeconds(5));
        // A claimed tick whose add is dropped here waits for another instance to take it over:
        // let the adds finish.
        adder.awaitIdle(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Ends the current sleep: a schedule changed, so the earliest tick may be sooner. */
  void wake() {
    wake.release();
  }

  private void loop() {
    while (running) {
      Duration sleep;
      try {
        if (tickOnce() == BATCH || takeOverDue() == BATCH) {
          // A full batch: more may be due at once.
          continue;
        }
        Instant now = clock.instant();
        Duration untilTakeOver = Duration.between(now, nextTakeOver);
        sleep =
            store
                .earliest()
                .map(next -> Duration.between(now, next))
                .filter(wait -> wait.compareTo(IDLE) < 0)
                .orElse(IDLE);
        if (untilTakeOver.compareTo(sleep) < 0) {
          sleep = untilTakeOver;
        }
      } catch (RuntimeException e) {
        log.warn(
            "Schedules could not be read: {}; trying again in {}", Failures.rootMessage(e), IDLE);
        sleep = IDLE;
      }
      try {
        if (!sleep.isNegative() && !sleep.isZero()) {
          wake.tryAcquire(sleep.toMillis() + 1, TimeUnit.MILLISECONDS);
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Handles one batch of due ticks; returns how many of them there were. */
  public int tickOnce() {
    Instant now = clock.instant();
    List<DueTick> window = store.due(now, WINDOW);
    if (window.isEmpty()) {
      return 0;
    }
    int from =
        window.size() <= BATCH ? 0 : ThreadLocalRandom.current().nextInt(window.size() - BATCH + 1);
    List<DueTick> due = window.subList(from, Math.min(window.size(), from + BATCH));
    Map<String, StoredSchedule> schedules =
        store.getAll(due.stream().map(DueTick::id).toList()).stream()
            .collect(Collectors.toMap(StoredSchedule::id, Function.identity()));
    List<ScheduleClaim> claims = new ArrayList<>();
    List<NewJob> jobs = new ArrayList<>();
    for (DueTick tick : due) {
      StoredSchedule schedule = schedules.get(tick.id());
      if (schedule != null) {
        plan(tick, schedule, now, claims, jobs);
      }
    }
    List<Boolean> claimed = store.claimAll(claims, now.plus(lease));
    List<NewJob> won = new ArrayList<>();
    List<PendingTick> pending = new ArrayList<>();
    for (int i = 0; i < claims.size(); i++) {
      if (claimed.get(i) && jobs.get(i) != null) {
        won.add(jobs.get(i));
        pending.add(new PendingTick(claims.get(i).id(), claims.get(i).enqueued(), null));
      }
    }
    adder.add(won, pending);
    return due.size();
  }

  /**
   * Takes over, when it is time to look, the ticks whose claimers did not add their jobs within the
   * lease, and adds them; returns how many it took.
   */
  int takeOverDue() {
    Instant now = clock.instant();
    if (now.isBefore(nextTakeOver)) {
      return 0;
    }
    nextTakeOver = now.plus(takeOverEvery);
    List<PendingTick> taken = store.takeOver(now, now.plus(lease), BATCH);
    if (taken.isEmpty()) {
      return 0;
    }
    log.warn(
        "Schedules took over {} tick(s) ({}@{}...) whose claiming instance did not add their jobs"
            + " within CRON_RUN_LEASE ({}); adding them",
        taken.size(),
        taken.getFirst().id(),
        taken.getFirst().tick(),
        lease);
    List<NewJob> jobs = new ArrayList<>();
    List<PendingTick> readable = new ArrayList<>();
    for (PendingTick tick : taken) {
      try {
        jobs.add(Definition.read(tick.id(), tick.definition()).job(tick.id(), tick.tick()));
        readable.add(tick);
      } catch (RuntimeException e) {
        log.error(
            "Schedule {}: its tick {} is dropped: {}", tick.id(), tick.tick(), e.getMessage());
        store.settle(List.of(tick));
      }
    }
    adder.add(jobs, readable);
    return taken.size();
  }

  private void plan(
      DueTick tick,
      StoredSchedule schedule,
      Instant now,
      List<ScheduleClaim> claims,
      List<NewJob> jobs) {
    Definition definition;
    Ticks ticks;
    try {
      definition = Definition.read(schedule.id(), schedule.definition());
      ticks = ticksCache.of(definition.when());
    } catch (RuntimeException e) {
      // Left in the index it would come up again every round; stop it, loudly.
      log.error("Schedule {} is stopped: {}", schedule.id(), e.getMessage());
      claims.add(new ScheduleClaim(schedule.id(), tick.tick(), null, null));
      jobs.add(null);
      return;
    }
    Instant enqueued = tick.tick();
    Instant from = tick.tick();
    Instant following = ticks.nextAfter(tick.tick(), 0);
    if (following != null && !following.isAfter(now)) {
      // More than this tick passed while no instance ticked: a misfire.
      from = now;
      enqueued =
          definition.when().misfire() == Misfire.RUN_LATEST
              ? ticks.latest(now).orElse(tick.tick())
              : null;
      log.info(
          "Schedule {} missed its ticks from {} to {}; {}",
          schedule.id(),
          tick.tick(),
          now,
          enqueued == null ? "skipping them" : "enqueuing the latest, " + enqueued + ", once");
    }
    long runs = schedule.runs() + (enqueued == null ? 0 : 1);
    // On time, the tick after this one is `following` (unless the limit is now reached): computing
    // it once halves the expression work of a round.
    Instant next =
        from.equals(tick.tick()) && ticks.withinLimit(runs)
            ? following
            : ticks.nextAfter(from, runs);
    claims.add(new ScheduleClaim(schedule.id(), tick.tick(), next, enqueued));
    jobs.add(enqueued == null ? null : definition.job(schedule.id(), enqueued));
  }
}
