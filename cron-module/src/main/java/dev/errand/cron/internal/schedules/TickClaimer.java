package dev.errand.cron.internal.schedules;

import dev.errand.cron.spi.PendingTick;
import dev.errand.cron.spi.ScheduleClaim;
import dev.errand.cron.spi.ScheduleStore;
import dev.errand.queue.NewJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Claims planned ticks in the store and hands the jobs of the ticks won to the {@link TickAdder},
 * each won tick pending until its job is added.
 */
final class TickClaimer {

  /**
   * Claims of one moment's batches under way at once: each is a round trip, and overlapping them
   * (the Redis connection pipelines them) ends a burst's claims a few trips sooner.
   */
  static final int IN_FLIGHT = 4;

  private final ScheduleStore store;
  private final Clock clock;
  private final Duration lease;
  private final TickAdder adder;

  TickClaimer(ScheduleStore store, Clock clock, Duration lease, TickAdder adder) {
    this.store = store;
    this.clock = clock;
    this.lease = lease;
    this.adder = adder;
  }

  /** The jobs of ticks won ahead of their moment, and their pending ticks, in the same order. */
  record Won(List<NewJob> jobs, List<PendingTick> ticks) {}

  /** Claims the planned ticks and adds the jobs of those won. */
  void claim(TickPlanner.Plan plan) {
    Won won = won(plan, store.claimAll(plan.claims(), clock.instant().plus(lease)));
    adder.add(won.jobs(), won.ticks());
  }

  /**
   * Claims each plan's ticks ahead of {@code at}, their moment, up to {@link #IN_FLIGHT} plans at
   * once ({@link ScheduleStore#claimAhead}); returns the ticks won, for {@link #startAndAdd} at
   * their moment, and throws the first claim's failure after all claims answered.
   */
  List<Won> claimAhead(List<TickPlanner.Plan> plans, Instant at) {
    List<Won> won = Collections.synchronizedList(new ArrayList<>());
    inParallel(plans, plan -> won.add(won(plan, store.claimAhead(plan.claims(), at.plus(lease)))));
    return won;
  }

  /**
   * Just before their {@code moment}, starts the ticks won ahead and adds the jobs of those still
   * held, due at the moment.
   */
  void startAndAdd(List<Won> won, Instant moment) {
    won.forEach(batch -> adder.startAndAdd(batch.jobs(), batch.ticks(), moment));
  }

  private static Won won(TickPlanner.Plan plan, List<Boolean> claimed) {
    List<ScheduleClaim> claims = plan.claims();
    List<NewJob> won = new ArrayList<>();
    List<PendingTick> pending = new ArrayList<>();
    for (int i = 0; i < claims.size(); i++) {
      NewJob job = plan.jobs().get(i);
      if (claimed.get(i) && job != null) {
        won.add(job);
        pending.add(new PendingTick(claims.get(i).id(), claims.get(i).enqueued(), null));
      }
    }
    return new Won(won, pending);
  }

  /**
   * Claims each plan, up to {@link #IN_FLIGHT} at once, in the order given; returns when every
   * claim has answered (the adds go on), throwing the first claim's failure.
   */
  void claimEach(List<TickPlanner.Plan> plans) {
    inParallel(plans, this::claim);
  }

  private static void inParallel(
      List<TickPlanner.Plan> plans, Consumer<TickPlanner.Plan> claimOne) {
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    List<Future<?>> claims = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (TickPlanner.Plan plan : plans) {
        inFlight.acquireUninterruptibly();
        claims.add(
            threads.submit(
                () -> {
                  try {
                    claimOne.accept(plan);
                  } finally {
                    inFlight.release();
                  }
                }));
      }
    }
    for (Future<?> claim : claims) {
      try {
        claim.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException failure
            ? failure
            : new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
