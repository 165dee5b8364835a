package dev.errand.queue.bench;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.queue.JobEvent;
import dev.errand.queue.JobListener;
import dev.errand.queue.JobOptions;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import dev.errand.queue.Retention;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What concurrency caps cost a worker on Redis: the processing rate of the same jobs with no
 * groups, with groups but no cap, with a per-group cap that rarely binds (64 groups, 4 each), with
 * one that binds (16 groups, 2 each: 32 running at most, under the worker's concurrency), and with
 * a queue cap at the worker's concurrency. Each variant is measured in alternating rounds after a
 * warm-up of every variant for 30 seconds ({@code errand.bench.warmupSeconds}); the best round of
 * each counts. Usage: {@code CapBenchmark REDIS_URL JOBS CONCURRENCY [ROUNDS]}; the last line
 * printed is one JSON object with each rate and each rate's ratio to the plain one.
 */
public final class CapBenchmark {

  private static final String PAD = "x".repeat(100);
  private static final long WARMUP_SECONDS = Long.getLong("errand.bench.warmupSeconds", 30);

  /** One way of running the jobs: how many groups they spread over, and the caps. */
  private record Variant(String name, int groups, int groupCap, int queueCap) {}

  private final String redisUrl;
  private final String run = Long.toString(System.currentTimeMillis(), 36);

  private CapBenchmark(String redisUrl) {
    this.redisUrl = redisUrl;
  }

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "redis://127.0.0.1:6379";
    int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    List<Variant> variants =
        List.of(
            new Variant("plain", 0, 0, 0),
            new Variant("grouped", 64, 0, 0),
            new Variant("group_cap_loose", 64, 4, 0),
            new Variant("group_cap_binding", 16, 2, 0),
            new Variant("queue_cap", 0, 0, concurrency));
    CapBenchmark bench = new CapBenchmark(url);
    // Until the JIT has compiled the hot paths the figures measure the compiler, not the caps.
    long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS);
    for (int round = 1; round == 1 || System.nanoTime() < warmUntil; round++) {
      for (Variant v : variants) {
        bench.process("warmup" + round + "-" + v.name(), v, Math.min(jobs, 10_000), concurrency);
      }
    }
    Map<String, Long> best = new LinkedHashMap<>();
    for (int round = 1; round <= rounds; round++) {
      for (Variant v : variants) {
        long rate = bench.process("r" + round + "-" + v.name(), v, jobs, concurrency);
        best.merge(v.name(), rate, Math::max);
        System.err.println("round " + round + " " + v.name() + " " + rate + " jobs/s");
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("jobs", jobs);
    result.put("concurrency", concurrency);
    result.put("rounds", rounds);
    long plain = best.get("plain");
    best.forEach(
        (name, rate) -> {
          result.put(name + "_process_per_s", rate);
          result.put(name + "_ratio", Math.round(rate * 1000.0 / plain) / 1000.0);
        });
    System.out.println(JsonLine.of(result));
    System.exit(0);
  }

  /** Adds {@code n} jobs, then times one worker processing them all; returns jobs a second. */
  private long process(String label, Variant variant, int n, int concurrency) throws Exception {
    String prefix = "errand-cap-" + label + "-" + run;
    ErrandApp producer = app(prefix, false, concurrency, variant, null);
    List<NewJob> batch = new ArrayList<>(1000);
    for (int k = 0; k < n; k++) {
      JobOptions.Builder options = JobOptions.builder().removeOnComplete(Retention.none());
      if (variant.groups() > 0) {
        options.group("tenant-" + (k % variant.groups()));
      }
      batch.add(BenchProcessor.JOB.job(new BenchProcessor.Payload(k, PAD), options.build()));
      if (batch.size() == 1000 || k == n - 1) {
        producer.get(QueueService.class).addBulk(batch);
        batch = new ArrayList<>(1000);
      }
    }
    producer.stop();
    CountDownLatch done = new CountDownLatch(n);
    long t0 = System.nanoTime();
    ErrandApp worker =
        app(
            prefix,
            true,
            concurrency,
            variant,
            new JobListener() {
              @Override
              public void completed(JobEvent event) {
                done.countDown();
              }
            });
    if (!done.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException(label + " did not finish: " + done.getCount() + " left");
    }
    long rate = Math.round(n / ((System.nanoTime() - t0) / 1e9));
    worker.stop();
    return rate;
  }

  private ErrandApp app(
      String prefix, boolean enabled, int concurrency, Variant variant, JobListener listener) {
    Map<String, String> values = new HashMap<>();
    values.put("JOBS_BACKEND", "redis");
    values.put("REDIS_URL", redisUrl);
    values.put("JOBS_KEY_PREFIX", prefix);
    values.put("JOBS_ENABLED", Boolean.toString(enabled));
    values.put("JOBS_QUEUE_BENCH_CONCURRENCY", Integer.toString(concurrency));
    values.put("JOBS_QUEUE_BENCH_MAX_RUNNING", Integer.toString(variant.queueCap()));
    values.put("JOBS_QUEUE_BENCH_GROUP_MAX_RUNNING", Integer.toString(variant.groupCap()));
    Settings settings = Settings.of(values);
    QueueAdapter adapter =
        new QueueAdapter(QueueSettings.from(settings)).withClasses(BenchProcessor.class);
    if (listener != null) {
      adapter.withListener(listener);
    }
    return ErrandApp.builder().settings(settings).adapters(adapter).shutdownHook(false).start();
  }
}
