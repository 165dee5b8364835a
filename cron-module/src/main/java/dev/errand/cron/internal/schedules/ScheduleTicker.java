package dev.errand.cron.internal.schedules;

import dev.errand.core.Failures;
import dev.errand.cron.internal.ScheduleParser;
import dev.errand.cron.spi.DueTick;
import dev.errand.cron.spi.ScheduleStore;
import dev.errand.queue.QueueService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns due ticks into queue jobs. Each instance runs one: it reads the schedules due now from the
 * store's index (never all schedules), claims their ticks in one atomic step per batch, so that of
 * all instances exactly one enqueues each tick, and adds the jobs with their deterministic ids in
 * one bulk add. Between batches it sleeps until just before the earliest next tick (at most {@link
 * #IDLE}, or until a schedule changes here), reads and plans that tick's schedules ahead and, where
 * the store {@link ScheduleStore#claimsAhead claims ahead}, claims them too, and adds their jobs
 * {@link #LEAD} before the tick, delayed until it (elsewhere it claims and adds at the tick). A
 * claimed tick stays pending in the store until its job is added; one whose lease ends first (its
 * instance died between claim and add) is taken over by whichever instance looks next ({@link
 * TickTakeOver}).
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

  /**
   * How long before a tick its schedules are read, planned and, where the store claims ahead,
   * claimed, leaving the start and the adds for {@link #LEAD} before it. Long enough for a burst's
   * reads and claims on a busy machine. The store drops a tick claimed ahead whose schedule changes
   * before its start and its moment; elsewhere a schedule updated on another instance within this
   * of its next tick, keeping that tick, may get that one tick with its former job and payload.
   */
  static final Duration AHEAD = Duration.ofMillis(500);

  /**
   * How long before their moment the ticks claimed ahead are started and their jobs added, each
   * delayed until its tick, so that the jobs are in the queue, due, at the moment itself rather
   * than a burst's worth of round trips after it. Once started, a tick is kept: a schedule changed,
   * paused or removed within this of its tick still has that tick's job run (at the tick, never
   * before). Shorter than {@link #AHEAD}, and longer than a burst's starts and adds usually take.
   */
  static final Duration LEAD = Duration.ofMillis(150);

  /** The most ticks of one moment planned ahead; the rest are handled when due. */
  private static final int AHEAD_MAX = 10 * BATCH;

  /** The longest sleep: how soon a schedule made on another instance is seen at the latest. */
  static final Duration IDLE = Duration.ofSeconds(1);

  private final ScheduleStore store;
  private final TickPlanner planner;
  private final Clock clock;
  private final TickAdder adder;
  private final TickClaimer claimer;
  private final TickTakeOver takeOver;
  private final Semaphore wake = new Semaphore(0);
  private volatile boolean running;
  private Thread thread;

  /** Ticks claimed ahead of {@code at}, started and added when it comes. */
  private record Held(Instant at, List<TickClaimer.Won> won) {}

  private Held held;

  /**
   * @param lease how long a tick this instance claimed stays its own to add ({@code
   *     CRON_RUN_LEASE}): if its job is not added by then (this instance died, or its adds kept
   *     failing), another instance takes the tick over and adds it
   */
  public ScheduleTicker(
      ScheduleStore store, QueueService queue, ScheduleParser parser, Clock clock, Duration lease) {
    this.store = store;
    this.planner = new TickPlanner(store, parser);
    this.clock = clock;
    this.adder = new TickAdder(store, queue, clock);
    this.claimer = new TickClaimer(store, clock, lease, adder);
    this.takeOver = new TickTakeOver(store, clock, lease, adder);
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
        if (held != null) {
          startHeldWhenDue();
          continue;
        }
        if (tickOnce() == BATCH || takeOver.dueNow() == BATCH) {
          // A full batch: more may be due at once.
          continue;
        }
        Instant now = clock.instant();
        Optional<Instant> earliest = store.earliest();
        Duration untilNext = earliest.map(next -> Duration.between(now, next)).orElse(IDLE);
        if (earliest.isPresent() && !untilNext.isNegative() && untilNext.compareTo(AHEAD) <= 0) {
          tickAhead(earliest.get());
          continue;
        }
        // Wake a little before the next tick, to read and plan it ahead.
        sleep = min(min(untilNext.minus(AHEAD), IDLE), Duration.between(now, takeOver.next()));
      } catch (RuntimeException e) {
        log.warn(
            "Schedules could not be read: {}; trying again in {}", Failures.rootMessage(e), IDLE);
        sleep = IDLE;
      }
      if (!sleep(sleep)) {
        return;
      }
    }
    // Stopping within a moment of ticks claimed ahead: add them when it comes, not a lease later.
    startHeldWhenDue();
  }

  /**
   * Waits until {@link #LEAD} before the moment of the ticks claimed ahead, whatever wakes come
   * meanwhile (their store drops any that change before then), then starts them and adds their
   * jobs, due at the moment. A clock that did not move with the wait (a test's) keeps them held
   * until it does.
   */
  private void startHeldWhenDue() {
    Held due = held;
    if (due == null) {
      return;
    }
    Instant startAt = due.at().minus(LEAD);
    Duration wait = Duration.between(clock.instant(), startAt);
    if (!wait.isNegative() && !wait.isZero()) {
      try {
        Thread.sleep(wait.toMillis() + 1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (clock.instant().isBefore(startAt)) {
      return;
    }
    held = null;
    claimer.startAndAdd(due.won(), due.at());
  }

  /** Sleeps, ended early by {@link #wake}; false when interrupted. */
  private boolean sleep(Duration sleep) {
    try {
      if (!sleep.isNegative() && !sleep.isZero()) {
        wake.tryAcquire(sleep.toMillis() + 1, TimeUnit.MILLISECONDS);
        wake.drainPermits();
      }
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
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
    claimer.claim(planner.plan(due, now));
    return due.size();
  }

  /**
   * Reads and plans the ticks due at {@code at}, which is at most {@link #AHEAD} away, before it
   * comes, and claims them batch by batch (a few at once), in an order of its own, so that the
   * instances doing the same mostly claim different batches first. Where the store claims ahead,
   * that is done now and only the adds are left for the tick's moment. Elsewhere the claims wait
   * for the moment, and woken early (a schedule changed here), it drops its plans.
   */
  private void tickAhead(Instant at) {
    List<DueTick> due = store.due(at, AHEAD_MAX);
    List<TickPlanner.Plan> plans = new ArrayList<>();
    for (int from = 0; from < due.size(); from += BATCH) {
      plans.add(planner.plan(due.subList(from, Math.min(due.size(), from + BATCH)), at));
    }
    Collections.shuffle(plans);
    if (store.claimsAhead()) {
      // If a claim call throws, the ticks the other calls won are not held here: they stay
      // pending, and an instance takes them over after CRON_RUN_LEASE.
      held = new Held(at, claimer.claimAhead(plans, at));
      startHeldWhenDue();
      return;
    }
    Duration wait = Duration.between(clock.instant(), at);
    try {
      if (!wait.isNegative()
          && !wait.isZero()
          && wake.tryAcquire(wait.toMillis() + 1, TimeUnit.MILLISECONDS)) {
        wake.drainPermits();
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (clock.instant().isBefore(at)) {
      // A clock that did not move with the wait (a test's): the ticks are not due yet.
      return;
    }
    claimer.claimEach(plans);
  }
}
