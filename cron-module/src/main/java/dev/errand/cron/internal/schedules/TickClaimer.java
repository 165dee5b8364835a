package dev.errand.cron.internal.schedules;

import dev.errand.cron.spi.PendingTick;
import dev.errand.cron.spi.ScheduleClaim;
import dev.errand.cron.spi.ScheduleStore;
import dev.errand.queue.NewJob;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

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

  /** Claims the planned ticks and adds the jobs of those won. */
  void claim(TickPlanner.Plan plan) {
    List<ScheduleClaim> claims = plan.claims();
    List<Boolean> claimed = store.claimAll(claims, clock.instant().plus(lease));
    List<NewJob> won = new ArrayList<>();
    List<PendingTick> pending = new ArrayList<>();
    for (int i = 0; i < claims.size(); i++) {
      NewJob job = plan.jobs().get(i);
      if (claimed.get(i) && job != null) {
        won.add(job);
        pending.add(new PendingTick(claims.get(i).id(), claims.get(i).enqueued(), null));
      }
    }
    adder.add(won, pending);
  }

  /**
   * Claims each plan, up to {@link #IN_FLIGHT} at once, in the order given; returns when every
   * claim has answered (the adds go on), throwing the first claim's failure.
   */
  void claimEach(List<TickPlanner.Plan> plans) {
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    List<Future<?>> claims = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (TickPlanner.Plan plan : plans) {
        inFlight.acquireUninterruptibly();
        claims.add(
            threads.submit(
                () -> {
                  try {
                    claim(plan);
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
