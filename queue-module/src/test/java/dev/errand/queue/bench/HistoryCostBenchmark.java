package dev.errand.queue.bench;

import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisSettings;
import dev.errand.queue.JobState;
import dev.errand.queue.Retention;
import dev.errand.queue.internal.redis.RedisBackend;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.LeasedJob;
import dev.errand.queue.spi.RunInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the per-minute history and the attempt records cost Redis per job, apart from everything
 * else: one worker's fetch-and-acknowledge round trips, each acknowledging a fixed batch, driven
 * through the backend SPI so the batch size does not drift with the machine's load, in three
 * variants taken in turn, round after round: outcomes without their run and the history off (what
 * the acknowledgement cost before either existed), with their run (attempt records) but the history
 * off, and with both. Completed jobs are kept, so the attempt fields are written. Usage: {@code
 * HistoryCostBenchmark REDIS_URL JOBS BATCH [ROUNDS]}; prints one JSON line of Redis main-thread
 * microseconds per job, the median over the rounds of each variant.
 */
public final class HistoryCostBenchmark {

  private static final Lease LEASE = new Lease("bench", Duration.ofMinutes(5), 1);

  private HistoryCostBenchmark() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int jobs = Integer.parseInt(args[1]);
    int batch = Integer.parseInt(args[2]);
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    ErrandRedis redis = new ErrandRedis(RedisSettings.of(url));
    Map<String, List<Double>> perJob = new LinkedHashMap<>();
    try (CpuMeter cpu = new CpuMeter(url)) {
      for (int round = 0; round <= rounds; round++) {
        for (String variant : List.of("bare", "attempts", "attempts+history")) {
          double micros = run(redis, cpu, variant, jobs, batch, round);
          // Round 0 warms the JIT and the server up; it is not counted.
          if (round > 0) {
            perJob.computeIfAbsent(variant, v -> new ArrayList<>()).add(micros);
          }
          System.err.printf("round %d %s: %.2f us/job%n", round, variant, micros);
        }
      }
    } finally {
      redis.close();
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("jobs", jobs);
    result.put("batch", batch);
    result.put("rounds", rounds);
    perJob.forEach((variant, values) -> result.put(variant + "_redis_us_per_job", median(values)));
    System.out.println(JsonLine.of(result));
  }

  private static double run(
      ErrandRedis redis, CpuMeter cpu, String variant, int jobs, int batch, int round) {
    RedisBackend backend =
        new RedisBackend(redis, "bench-history-" + round + "-" + variant, Clock.systemUTC());
    boolean withRun = !variant.equals("bare");
    backend.historyRetention(variant.endsWith("history") ? Duration.ofHours(25) : Duration.ZERO);
    String queue = "history";
    List<JobDraft> drafts = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      drafts.add(new JobDraft("job", "{\"n\":" + i + "}", null, null, 0, null));
      if (drafts.size() == 1000) {
        backend.add(queue, drafts);
        drafts.clear();
      }
    }
    if (!drafts.isEmpty()) {
      backend.add(queue, drafts);
    }
    cpu.start();
    List<LeasedJob> held = backend.fetch(queue, LEASE, batch).jobs();
    int done = 0;
    while (!held.isEmpty()) {
      List<Ack> acks = new ArrayList<>();
      for (LeasedJob job : held) {
        Ack ack = new Ack.Complete(job.id(), null, Retention.keepAll());
        acks.add(
            withRun
                ? ack.withRun(new RunInfo(Instant.now(), Duration.ofMillis(3), "bench-host/1"))
                : ack);
      }
      done += acks.size();
      held = backend.acknowledgeAndFetch(queue, LEASE, acks, batch).join().jobs();
    }
    double micros = cpu.redisMicrosPerJob(done);
    backend.admin().clean(queue, JobState.COMPLETED, Duration.ZERO);
    backend.close();
    return micros;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    double m = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return Math.round(m * 100) / 100.0;
  }
}
