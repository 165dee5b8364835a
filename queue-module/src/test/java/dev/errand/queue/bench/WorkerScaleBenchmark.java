package dev.errand.queue.bench;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueCounts;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What more worker processes cost Redis: one queue is filled, then drained by 1, 2 and 3 worker
 * JVMs (child processes), and for each the Redis CPU time and commands per processed job are
 * reported, with the rate. More workers should not cost Redis more per job.
 *
 * <p>{@code WorkerScaleBenchmark REDIS_URL JOBS CONCURRENCY [WORKER_COUNTS]}, e.g. {@code
 * redis://127.0.0.1:6390 20000 50 1,2,3}; the last line printed is one JSON object.
 */
public final class WorkerScaleBenchmark {

  /**
   * How often the drain is checked. Each check is Redis work of its own that a slower drain repeats
   * more often, so scripts/bench-workers valgrind (where Redis runs some 30 times slower) checks
   * every 500 ms.
   */
  private static final long POLL_MILLIS = Long.getLong("errand.bench.pollMillis", 20);

  /** Shards of the queue (system property {@code errand.bench.shards}, default 1). */
  private static final int SHARDS = Integer.getInteger("errand.bench.shards", 1);

  private static final String QUEUE = "bench";

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--worker")) {
      runWorker(args[1], args[2], Integer.parseInt(args[3]));
      return;
    }
    String url = args.length > 0 ? args[0] : "redis://127.0.0.1:6379";
    int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
    int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    String counts = args.length > 3 ? args[3] : "1,2,3";
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("shards", SHARDS);
    try (CpuMeter cpu = new CpuMeter(url)) {
      for (String count : counts.split(",")) {
        int workers = Integer.parseInt(count.trim());
        result.put("workers_" + workers, measure(url, jobs, concurrency, workers, cpu));
      }
    }
    System.out.println("workers " + result);
    System.out.println(json(result));
    System.exit(0);
  }

  private static String measure(String url, int jobs, int concurrency, int workers, CpuMeter cpu)
      throws Exception {
    String prefix = "errand-scale-" + UUID.randomUUID();
    ErrandApp producer = app(url, prefix, false, concurrency);
    List<Process> children = new ArrayList<>();
    try {
      QueueAdmin admin = producer.get(QueueAdmin.class);
      admin.pause(QUEUE);
      fill(producer.get(QueueService.class), jobs);
      for (int i = 0; i < workers; i++) {
        children.add(startWorker(url, prefix, concurrency));
      }
      cpu.start();
      long t0 = System.nanoTime();
      admin.resume(QUEUE);
      while (!drained(admin.counts(QUEUE))) {
        Thread.sleep(POLL_MILLIS);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      String perJob = cpu.perJob(jobs);
      System.err.printf(
          Locale.ROOT, "workers=%d %.0f jobs/s %s%n", workers, jobs / seconds, perJob);
      return String.format(Locale.ROOT, "%.0f jobs/s, %s", jobs / seconds, perJob);
    } finally {
      children.forEach(Process::destroyForcibly);
      for (Process child : children) {
        child.waitFor(10, TimeUnit.SECONDS);
      }
      producer.stop();
    }
  }

  private static boolean drained(QueueCounts counts) {
    return counts.waiting() == 0 && counts.active() == 0 && counts.delayed() == 0;
  }

  private static void fill(QueueService queue, int jobs) {
    String pad = "x".repeat(100);
    List<NewJob> batch = new ArrayList<>();
    for (int k = 0; k < jobs; k++) {
      batch.add(BenchProcessor.JOB.job(new BenchProcessor.Payload(k, pad)));
      if (batch.size() == 1000) {
        queue.addBulk(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      queue.addBulk(batch);
    }
  }

  /** A worker JVM on the same classpath; returns once it says it is ready. */
  private static Process startWorker(String url, String prefix, int concurrency) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                java,
                "-Derrand.bench.shards=" + SHARDS,
                "-cp",
                System.getProperty("java.class.path"),
                WorkerScaleBenchmark.class.getName(),
                "--worker",
                url,
                prefix,
                Integer.toString(concurrency))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.equals("ready")) {
      // skip what the worker prints before it is ready
    }
    if (line == null) {
      throw new IllegalStateException("A worker JVM exited before it was ready");
    }
    return child;
  }

  private static void runWorker(String url, String prefix, int concurrency) throws Exception {
    app(url, prefix, true, concurrency);
    System.out.println("ready");
    System.out.flush();
    Thread.currentThread().join();
  }

  private static ErrandApp app(String url, String prefix, boolean enabled, int concurrency) {
    Map<String, String> values = new HashMap<>();
    values.put("JOBS_BACKEND", "redis");
    values.put("REDIS_URL", url);
    values.put("JOBS_KEY_PREFIX", prefix);
    values.put("JOBS_ENABLED", Boolean.toString(enabled));
    values.put("JOBS_QUEUE_BENCH_CONCURRENCY", Integer.toString(concurrency));
    values.put("JOBS_QUEUE_BENCH_SHARDS", Integer.toString(SHARDS));
    Settings settings = Settings.of(values);
    return ErrandApp.builder()
        .settings(settings)
        .adapters(new QueueAdapter(QueueSettings.from(settings)).withClasses(BenchProcessor.class))
        .shutdownHook(false)
        .start();
  }

  private static String json(Map<String, Object> values) {
    StringBuilder out = new StringBuilder("{");
    values.forEach(
        (k, v) -> {
          if (out.length() > 1) {
            out.append(", ");
          }
          out.append('"').append(k).append("\": \"").append(v).append('"');
        });
    return out.append('}').toString();
  }
}
