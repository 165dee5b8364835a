package dev.errand.cron.bench;

import dev.errand.cron.JobSchedules;
import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.Process;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The handler of the benchmark's jobs, run only when the instances consume them: records, for each
 * job, its tick and how long after it the handler started.
 */
@Job("bench")
public final class BenchTicks {

  /** Per run: the tick in epoch milliseconds, and the milliseconds from it to the start. */
  static final Queue<long[]> STARTED = new ConcurrentLinkedQueue<>();

  @Process("tick")
  void tick(Map<String, Object> payload, JobContext job) {
    long now = System.currentTimeMillis();
    long tick = JobSchedules.scheduledAt(job).map(Instant::toEpochMilli).orElseThrow();
    STARTED.add(new long[] {tick, now - tick});
  }
}
