package dev.errand.queue.bench;

import dev.errand.core.ErrandApp;
import dev.errand.core.ErrandRedis;
import dev.errand.core.Settings;
import dev.errand.queue.JobEvent;
import dev.errand.queue.JobListener;
import dev.errand.queue.JobOptions;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import dev.errand.queue.Retention;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Shows that Redis memory stays bounded: processes many jobs that keep only the last 1000
 * completed, then counts the queue's keys and reads Redis's used memory. Usage: {@code RetentionRun
 * REDIS_URL JOBS}; prints one JSON line.
 */
public final class RetentionRun {

  private RetentionRun() {}

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "redis://127.0.0.1:6379";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    String prefix = "errand-retention-" + Long.toString(System.currentTimeMillis(), 36);
    Settings settings =
        Settings.of(
            Map.of(
                "JOBS_BACKEND",
                "redis",
                "REDIS_URL",
                url,
                "JOBS_KEY_PREFIX",
                prefix,
                "JOBS_QUEUE_BENCH_CONCURRENCY",
                "50"));
    CountDownLatch done = new CountDownLatch(n);
    QueueAdapter adapter =
        new QueueAdapter(QueueSettings.from(settings))
            .withClasses(BenchProcessor.class)
            .withListener(
                new JobListener() {
                  @Override
                  public void completed(JobEvent event) {
                    done.countDown();
                  }
                });
    ErrandApp app =
        ErrandApp.builder().settings(settings).adapters(adapter).shutdownHook(false).start();
    JobOptions keep = JobOptions.builder().removeOnComplete(Retention.keepLast(1000)).build();
    long t0 = System.nanoTime();
    for (int b = 0; b < n; b += 1000) {
      List<NewJob> batch = new ArrayList<>(1000);
      for (int k = b; k < Math.min(n, b + 1000); k++) {
        batch.add(BenchProcessor.JOB.job(new BenchProcessor.Payload(k, "x".repeat(100)), keep));
      }
      app.get(QueueService.class).addBulk(batch);
      // Stay a little ahead of the worker instead of storing the whole million at once.
      while (done.getCount() > n - b + 200_000L) {
        Thread.sleep(5);
      }
    }
    if (!done.await(30, TimeUnit.MINUTES)) {
      throw new IllegalStateException(done.getCount() + " jobs did not finish");
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    RedisClusterCommands<String, String> redis = app.get(ErrandRedis.class).commands();
    long keys = 0;
    ScanIterator<String> scan =
        ScanIterator.scan(redis, ScanArgs.Builder.matches(prefix + ":*").limit(1000));
    while (scan.hasNext()) {
      scan.next();
      keys++;
    }
    String memory =
        redis
            .info("memory")
            .lines()
            .filter(l -> l.startsWith("used_memory:"))
            .findFirst()
            .orElse("");
    System.out.printf(
        "{\"jobs\": %d, \"seconds\": %.1f, \"queue_keys\": %d, \"completed_kept\": %d, \"%s}%n",
        n, seconds, keys, redis.zcard(prefix + ":{bench}:completed"), memory.replace(":", "\": "));
    app.stop();
    System.exit(0);
  }
}
