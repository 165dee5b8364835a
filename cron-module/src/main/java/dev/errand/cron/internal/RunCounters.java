package dev.errand.cron.internal;

import dev.errand.cron.CronTotals;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/** The totals of runs this process executed. */
final class RunCounters {

  private final LongAdder successes = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final LongAdder totalMillis = new LongAdder();

  void success(Duration took) {
    successes.increment();
    totalMillis.add(took.toMillis());
  }

  void failure(Duration took) {
    failures.increment();
    totalMillis.add(took.toMillis());
  }

  void skipped() {
    skipped.increment();
  }

  CronTotals totals() {
    long ok = successes.sum();
    long failed = failures.sum();
    long runs = ok + failed;
    Duration mean = runs == 0 ? Duration.ZERO : Duration.ofMillis(totalMillis.sum() / runs);
    return new CronTotals(runs, ok, failed, skipped.sum(), mean);
  }
}
