package dev.errand.cron.bench;

import dev.errand.queue.JobOptions;
import dev.errand.queue.JobOutcome;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * The application's queue, timing each add of a schedule tick: from the tick in the job id until
 * the add has returned and until it started (kept as tick and the two times, negative for an add
 * before its tick), and counting each job id to find ticks added twice.
 */
final class TimedQueue implements QueueService {

  private final QueueService queue;
  private final Queue<long[]> lateness;
  private final Map<String, Integer> jobs;

  TimedQueue(QueueService queue, Queue<long[]> lateness, Map<String, Integer> jobs) {
    this.queue = queue;
    this.lateness = lateness;
    this.jobs = jobs;
  }

  @Override
  public List<String> addBulk(List<NewJob> added) {
    long start = System.currentTimeMillis();
    List<String> ids = queue.addBulk(added);
    long now = System.currentTimeMillis();
    for (NewJob job : added) {
      String id = job.options().jobId().orElseThrow();
      long tick = Long.parseLong(id.substring(id.lastIndexOf('@') + 1));
      lateness.add(new long[] {tick, now - tick, start - tick});
      jobs.merge(id, 1, Integer::sum);
    }
    return ids;
  }

  @Override
  public String add(String queueName, String name, Object payload, JobOptions options) {
    return queue.add(queueName, name, payload, options);
  }

  @Override
  public JobOutcome addAndWait(
      String queueName, String name, Object payload, JobOptions options, Duration timeout) {
    return queue.addAndWait(queueName, name, payload, options, timeout);
  }
}
