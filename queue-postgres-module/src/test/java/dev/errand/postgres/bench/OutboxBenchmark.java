package dev.errand.postgres.bench;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.database.DatabaseAdapter;
import dev.errand.database.DatabaseSettings;
import dev.errand.queue.Job;
import dev.errand.queue.JobAdder;
import dev.errand.queue.JobType;
import dev.errand.queue.NewJob;
import dev.errand.queue.Process;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * How long a job added through the outbox (JOBS_OUTBOX=true, queue on Redis) waits between its
 * transaction's commit and its handler's start, one transaction at a time with a pause between, and
 * how many outbox jobs per second the relay moves when transactions of 100 jobs (one addBulk each)
 * come back to back.
 *
 * <p>{@code OutboxBenchmark REDIS_URL DATABASE_URL [TRANSACTIONS]}; the last line printed is one
 * JSON object.
 */
public final class OutboxBenchmark {

  static final JobType<Integer> TICK = JobType.of("bench-outbox", "tick", Integer.class);
  static final Map<Integer, Long> STARTED = new ConcurrentHashMap<>();
  static volatile CountDownLatch done = new CountDownLatch(0);

  /** Notes when each job's handler started. */
  @Job("bench-outbox")
  public static final class Ticks {
    @Process("tick")
    public void tick(Integer n) {
      STARTED.putIfAbsent(n, System.nanoTime());
      done.countDown();
    }
  }

  public static void main(String[] args) throws Exception {
    String redisUrl = args[0];
    String databaseUrl = args[1];
    int transactions = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    Map<String, String> values = new HashMap<>();
    values.put("JOBS_BACKEND", "redis");
    values.put("REDIS_URL", redisUrl);
    values.put("JOBS_KEY_PREFIX", "errand-outbox-bench-" + UUID.randomUUID());
    values.put("JOBS_OUTBOX", "true");
    values.put("DATABASE_URL", databaseUrl);
    values.put("DATABASE_USER", System.getenv().getOrDefault("DATABASE_USER", "postgres"));
    values.put("JOBS_QUEUE_BENCH_OUTBOX_CONCURRENCY", "20");
    Settings settings = Settings.of(values);
    ErrandApp app =
        ErrandApp.builder()
            .settings(settings)
            .adapters(
                new DatabaseAdapter(DatabaseSettings.from(settings)),
                new QueueAdapter(QueueSettings.from(settings)).withClasses(Ticks.class))
            .shutdownHook(false)
            .start();
    try {
      DataSource dataSource = app.get(DataSource.class);
      QueueService queue = app.get(QueueService.class);
      done = new CountDownLatch(200);
      run(dataSource, queue, 0, 200, 1); // warm-up, finished before anything is measured
      done.await(60, TimeUnit.SECONDS);
      double[] latencies = latencies(dataSource, queue, transactions);
      double perSecond = throughput(dataSource, queue, 20_000);
      String json =
          String.format(
              Locale.ROOT,
              "{\"transactions\": %d, \"commit_to_start_ms_p50\": %.2f,"
                  + " \"commit_to_start_ms_p99\": %.2f, \"commit_to_start_ms_max\": %.2f,"
                  + " \"outbox_jobs_per_s\": %.0f}",
              transactions,
              percentile(latencies, 50),
              percentile(latencies, 99),
              latencies[latencies.length - 1],
              perSecond);
      System.out.println(json);
    } finally {
      app.stop();
    }
    System.exit(0);
  }

  /** One job per transaction, 5 ms apart: commit-to-handler-start of each, sorted. */
  private static double[] latencies(DataSource dataSource, QueueService queue, int transactions)
      throws Exception {
    STARTED.clear();
    done = new CountDownLatch(transactions);
    long[] committed = new long[transactions];
    for (int i = 0; i < transactions; i++) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        queue.inTransaction(c).add(TICK, 1_000_000 + i);
        c.commit();
        committed[i] = System.nanoTime();
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    if (!done.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("jobs did not all run within a minute");
    }
    double[] latencies = new double[transactions];
    for (int i = 0; i < transactions; i++) {
      latencies[i] = Math.max(0, STARTED.get(1_000_000 + i) - committed[i]) / 1e6;
    }
    Arrays.sort(latencies);
    return latencies;
  }

  /** Transactions of 100 jobs back to back: jobs per second from first commit to last start. */
  private static double throughput(DataSource dataSource, QueueService queue, int jobs)
      throws Exception {
    STARTED.clear();
    done = new CountDownLatch(jobs);
    long t0 = System.nanoTime();
    run(dataSource, queue, 2_000_000, jobs, 100);
    if (!done.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("jobs did not all run within two minutes");
    }
    return jobs / ((System.nanoTime() - t0) / 1e9);
  }

  private static void run(DataSource dataSource, QueueService queue, int first, int jobs, int per)
      throws Exception {
    for (int i = 0; i < jobs; i += per) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        JobAdder adder = queue.inTransaction(c);
        List<NewJob> batch = new ArrayList<>();
        for (int k = i; k < Math.min(jobs, i + per); k++) {
          batch.add(TICK.job(first + k));
        }
        adder.addBulk(batch);
        c.commit();
      }
    }
  }

  private static double percentile(double[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
