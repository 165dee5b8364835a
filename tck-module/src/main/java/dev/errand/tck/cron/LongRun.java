package dev.errand.tck.cron;

import com.google.inject.Inject;
import dev.errand.cron.Cron;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The job the cluster suite's lease test runs every second on every instance; each run takes longer
 * than the lease, so only renewals keep the other instances from taking its ticks over.
 */
final class LongRun {

  static final long RUN_MILLIS = 5_000;

  /** What the runs of every instance share: how many are going, the most at once, how many ran. */
  record Tally(AtomicInteger going, AtomicInteger mostAtOnce, AtomicInteger finished) {
    Tally() {
      this(new AtomicInteger(), new AtomicInteger(), new AtomicInteger());
    }
  }

  private final Tally tally;

  @Inject
  LongRun(Tally tally) {
    this.tally = tally;
  }

  @Cron(value = "@every 1s", description = "Runs for longer than its lease")
  void work() throws InterruptedException {
    tally.mostAtOnce().accumulateAndGet(tally.going().incrementAndGet(), Math::max);
    try {
      // The work itself; the test waits on the tally, never on time.
      Thread.sleep(RUN_MILLIS);
    } finally {
      tally.going().decrementAndGet();
      tally.finished().incrementAndGet();
    }
  }
}
