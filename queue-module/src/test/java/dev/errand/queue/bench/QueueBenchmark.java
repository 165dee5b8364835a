package dev.errand.queue.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.queue.JobEvent;
import dev.errand.queue.JobListener;
import dev.errand.queue.JobOptions;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import dev.errand.queue.Retention;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The queue benchmark: the same four measurements as the BullMQ peer benchmark, on one Redis, or on
 * one PostgreSQL database when the URL is a {@code jdbc:postgresql:} one (errand-queue-postgres
 * must then be on the classpath, as scripts/bench-queue puts it; each measurement has tables of its
 * own under a prefix).
 *
 * <ol>
 *   <li>single adds, 64 in flight at a time;
 *   <li>processing them all with one worker at the given concurrency, timed from the worker's start
 *       to the last completion;
 *   <li>bulk adds, 1000 a call;
 *   <li>latency: 300 jobs one at a time, from the add to the producer seeing it completed.
 * </ol>
 *
 * <p>Before measuring it repeats the same steps on separate warm-up queues (their own key prefixes)
 * for {@value #WARMUP_SECONDS_DEFAULT} seconds (system property {@code
 * errand.bench.warmupSeconds}), so the JVM has loaded the code and its optimising compiler has
 * compiled the hot paths, as in a service that has been running for a while; the measured jobs are
 * never touched by it. Then it measures the memory backend's processing rate the same way. Usage:
 * {@code QueueBenchmark REDIS_URL JOBS CONCURRENCY}; the last line printed is one JSON object.
 */
public final class QueueBenchmark {

  private static final int ADDERS = 64;
  private static final int BATCH = 1000;
  private static final int LATENCY_SAMPLES = 300;
  private static final long WARMUP_SECONDS_DEFAULT = 20;
  private static final long WARMUP_SECONDS =
      Long.getLong("errand.bench.warmupSeconds", WARMUP_SECONDS_DEFAULT);

  /** Shards of the measured queue (system property {@code errand.bench.shards}, default 1). */
  private static final int SHARDS = Integer.getInteger("errand.bench.shards", 1);

  private static final String PAD = "x".repeat(100);
  private static final JobOptions REMOVE =
      JobOptions.builder().removeOnComplete(Retention.none()).build();

  private final String redisUrl;
  private final CpuMeter cpu;
  private HikariDataSource database;
  private final String run = Long.toString(System.currentTimeMillis(), 36);

  private QueueBenchmark(String redisUrl) {
    this.redisUrl = redisUrl;
    this.cpu = new CpuMeter(redisUrl);
  }

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "redis://127.0.0.1:6379";
    int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    QueueBenchmark bench = new QueueBenchmark(url);
    // Until the JIT has compiled the hot paths the figures measure the compiler, not the queue.
    long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS);
    for (int round = 1; round == 1 || System.nanoTime() < warmUntil; round++) {
      bench.measure("warmup" + round, Math.min(jobs, 50_000), concurrency, 100);
    }
    Map<String, Object> result = bench.measure("bench", jobs, concurrency, LATENCY_SAMPLES);
    result.put("memory_process_per_s", bench.memoryProcess(jobs, concurrency));
    System.out.println(JsonLine.of(result));
    System.exit(0);
  }

  private Map<String, Object> measure(String label, int n, int concurrency, int samples)
      throws Exception {
    String prefix = "errand-" + label + "-" + run;
    ErrandApp producer = app(store(), prefix, false, concurrency, null);
    QueueService queue = producer.get(QueueService.class);

    cpu.start();
    long t0 = System.nanoTime();
    AtomicInteger next = new AtomicInteger();
    List<Thread> adders = new ArrayList<>();
    for (int a = 0; a < ADDERS; a++) {
      adders.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    int k;
                    while ((k = next.getAndIncrement()) < n) {
                      queue.add(BenchProcessor.JOB, new BenchProcessor.Payload(k, PAD), REMOVE);
                    }
                  }));
    }
    for (Thread adder : adders) {
      adder.join();
    }
    double addSec = seconds(t0);
    String addCpu = cpu.perJob(n);

    CountDownLatch done = new CountDownLatch(n);
    cpu.start();
    t0 = System.nanoTime();
    ErrandApp worker = app(store(), prefix, true, concurrency, completions(done));
    double startSec = seconds(t0);
    awaitLatch(done, "processing");
    double processSec = seconds(t0);
    String processCpu = cpu.perJob(n);
    worker.stop();

    cpu.start();
    t0 = System.nanoTime();
    for (int b = 0; b < n; b += BATCH) {
      List<NewJob> batch = new ArrayList<>(BATCH);
      for (int k = b; k < Math.min(n, b + BATCH); k++) {
        batch.add(BenchProcessor.JOB.job(new BenchProcessor.Payload(k, PAD), REMOVE));
      }
      queue.addBulk(batch);
    }
    double bulkSec = seconds(t0);
    String bulkCpu = cpu.perJob(n);
    producer.get(QueueAdmin.class).drain("bench");
    producer.stop();

    double[] latencies = latency(prefix + "-lat", samples);
    Map<String, Object> result = new java.util.LinkedHashMap<>();
    result.put("jobs", n);
    result.put("concurrency", concurrency);
    result.put("shards", SHARDS);
    result.put("add_per_s", Math.round(n / addSec));
    result.put("bulk_add_per_s", Math.round(n / bulkSec));
    result.put("process_per_s", Math.round(n / processSec));
    result.put("latency_ms_p50", round(latencies[(int) Math.floor(samples * 0.5)]));
    result.put("latency_ms_p99", round(latencies[(int) Math.floor(samples * 0.99)]));
    System.err.println(label + " " + JsonLine.of(result));
    System.err.printf(
        "%s cpu: add %s; process %s; bulk %s; worker start %.0f ms%n",
        label, addCpu, processCpu, bulkCpu, startSec * 1000);
    return result;
  }

  private double[] latency(String prefix, int samples) {
    ErrandApp app = app(store(), prefix, true, 1, null);
    QueueService queue = app.get(QueueService.class);
    double[] latencies = new double[samples];
    double[] toRun = new double[samples];
    long[] startedAt = new long[samples];
    for (int k = 0; k < samples; k++) {
      startedAt[k] = ManagementFactory.getRuntimeMXBean().getUptime();
      long s = System.nanoTime();
      queue.addAndWait(
          BenchProcessor.JOB.queue(),
          BenchProcessor.JOB.name(),
          new BenchProcessor.Payload(k, ""),
          JobOptions.defaults(),
          Duration.ofSeconds(30));
      latencies[k] = (System.nanoTime() - s) / 1e6;
      toRun[k] = (BenchProcessor.lastRunNanos - s) / 1e6;
    }
    app.stop();
    reportSlowest(prefix, latencies, toRun, startedAt);
    Arrays.sort(latencies);
    return latencies;
  }

  /**
   * Prints the five slowest samples (stderr): each one's place in the run, the JVM's uptime when it
   * started (to line up with a GC or compilation log) and how its time split between the add up to
   * the handler's start and the rest (acknowledgement and event), so that a high p99 can be told
   * apart: a slow first sample, slow samples in a bunch, or slow samples spread evenly.
   */
  private static void reportSlowest(
      String prefix, double[] latencies, double[] toRun, long[] startedAt) {
    Integer[] order = new Integer[latencies.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (a, b) -> Double.compare(latencies[b], latencies[a]));
    StringBuilder line = new StringBuilder(prefix).append(" slowest samples:");
    for (int k = 0; k < Math.min(5, order.length); k++) {
      line.append(
          String.format(
              Locale.ROOT,
              " #%d %.2f ms (%.2f to run, %.2f after; at %.3f s)",
              order[k],
              latencies[order[k]],
              toRun[order[k]],
              latencies[order[k]] - toRun[order[k]],
              startedAt[order[k]] / 1000.0));
    }
    System.err.println(line);
  }

  /** The memory backend's processing rate, measured the same way within one process. */
  private long memoryProcess(int n, int concurrency) throws Exception {
    long best = 0;
    for (int round = 0; round < 2; round++) {
      CountDownLatch done = new CountDownLatch(n);
      ErrandApp app = app("memory", "errand-memory", true, concurrency, completions(done));
      QueueAdmin admin = app.get(QueueAdmin.class);
      admin.pause("bench");
      List<NewJob> jobs = new ArrayList<>(n);
      for (int k = 0; k < n; k++) {
        jobs.add(BenchProcessor.JOB.job(new BenchProcessor.Payload(k, PAD), REMOVE));
      }
      app.get(QueueService.class).addBulk(jobs);
      long t0 = System.nanoTime();
      admin.resume("bench");
      awaitLatch(done, "memory processing");
      best = Math.max(best, Math.round(n / seconds(t0)));
      app.stop();
    }
    return best;
  }

  private static JobListener completions(CountDownLatch done) {
    return new JobListener() {
      @Override
      public void completed(JobEvent event) {
        done.countDown();
      }
    };
  }

  /** The backend measured: redis, or postgres for a JDBC URL. */
  private String store() {
    return redisUrl.startsWith("jdbc:") ? "postgres" : "redis";
  }

  /** One pool for every application of the run, as DatabaseAdapter would give each. */
  private synchronized DataSource database() {
    if (database == null) {
      database = new HikariDataSource();
      database.setJdbcUrl(redisUrl);
      String user = System.getenv("DATABASE_USER");
      database.setUsername(user == null ? "postgres" : user);
      database.setMaximumPoolSize(20);
    }
    return database;
  }

  private ErrandApp app(
      String provider, String prefix, boolean enabled, int concurrency, JobListener listener) {
    Map<String, String> values = new HashMap<>();
    values.put("JOBS_BACKEND", provider);
    values.put("REDIS_URL", redisUrl.startsWith("jdbc:") ? "redis://127.0.0.1:6379" : redisUrl);
    values.put("JOBS_KEY_PREFIX", prefix);
    values.put(
        "JOBS_TABLE_PREFIX", prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_");
    values.put("JOBS_ENABLED", Boolean.toString(enabled));
    // Each shard needs a slot: the one-at-a-time latency step gets one per shard.
    values.put("JOBS_QUEUE_BENCH_CONCURRENCY", Integer.toString(Math.max(concurrency, SHARDS)));
    values.put("JOBS_QUEUE_BENCH_SHARDS", Integer.toString(SHARDS));
    Settings settings = Settings.of(values);
    QueueAdapter adapter =
        new QueueAdapter(QueueSettings.from(settings)).withClasses(BenchProcessor.class);
    if (listener != null) {
      adapter.withListener(listener);
    }
    ErrandApp.Builder builder = ErrandApp.builder().settings(settings);
    if (provider.equals("postgres")) {
      DataSource source = database();
      builder.modules(binder -> binder.bind(DataSource.class).toInstance(source));
    }
    return builder.adapters(adapter).shutdownHook(false).start();
  }

  private static void awaitLatch(CountDownLatch latch, String what) throws InterruptedException {
    if (!latch.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException(what + " did not finish: " + latch.getCount() + " left");
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static double round(double millis) {
    return Math.round(millis * 100) / 100.0;
  }
}
