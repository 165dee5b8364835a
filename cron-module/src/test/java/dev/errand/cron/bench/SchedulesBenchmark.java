package dev.errand.cron.bench;

import dev.errand.core.ErrandApp;
import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisSettings;
import dev.errand.core.Settings;
import dev.errand.cron.CronSettings;
import dev.errand.cron.JobSchedules;
import dev.errand.cron.Recurrence;
import dev.errand.cron.internal.ScheduleParser;
import dev.errand.cron.internal.schedules.RedisScheduleStore;
import dev.errand.cron.internal.schedules.ScheduleService;
import dev.errand.cron.internal.schedules.ScheduleTicker;
import dev.errand.queue.JobOptions;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import dev.errand.testsupport.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The runtime schedules at scale, in real minutes: N schedules each ticking once a minute, on one
 * Redis, ticked by several instances, each a JVM of its own ({@link ScheduleBenchInstance}, with
 * its own Redis connections, store, ticker and queue client). Every enqueued job is timed as it is
 * added: lateness is the time from its tick until the bulk add that carries it has returned (the
 * instances share this machine's clock), or 0 when that add returned before the tick (its job,
 * delayed until the tick, is then due in the queue at the tick itself). Ticks are checked for
 * exactly once across instances.
 *
 * <p>{@code SchedulesBenchmark REDIS_URL SCHEDULES INSTANCES MINUTES SPREAD}: SPREAD {@code
 * aligned} puts every schedule at second 0 of the minute (one burst of N ticks a minute), {@code
 * spread} puts schedule i at second i mod 60. The whole minute after the instances start is a
 * warm-up and is not measured. The idle cost (Redis commands a second while nothing is due) is
 * measured in aligned mode, between bursts. The last line printed is one JSON object.
 */
public final class SchedulesBenchmark {

  /**
   * Whether the instances also run the jobs ({@code -Derrand.bench.consume=true}), each with 50
   * workers, to measure from each tick to its job's handler starting ({@code started_ms_*}).
   */
  private static final boolean CONSUME = Boolean.getBoolean("errand.bench.consume");

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "redis://127.0.0.1:6379";
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int instances = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int minutes = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    boolean spread = args.length > 4 && args[4].equals("spread");
    String prefix = "errand-bench-schedules-" + UUID.randomUUID();
    Settings settings = settings(url, prefix, false);
    ErrandApp app =
        ErrandApp.builder()
            .settings(settings)
            .adapters(new QueueAdapter(QueueSettings.from(settings)))
            .shutdownHook(false)
            .start();
    ErrandRedis client = new ErrandRedis(RedisSettings.from(settings));
    RedisScheduleStore store = new RedisScheduleStore(client, prefix + ":cron");
    ScheduleParser parser = new ScheduleParser(settings);
    QueueService queue = app.get(QueueService.class);
    // Upserts only: this ticker is never started, the instances tick.
    ScheduleTicker notStarted =
        new ScheduleTicker(store, queue, parser, Clock.systemUTC(), CronSettings.DEFAULT_RUN_LEASE);
    JobSchedules schedules =
        new ScheduleService(store, queue, parser, Clock.systemUTC(), notStarted);

    long upsertStart = System.nanoTime();
    upsertAll(schedules, count, spread);
    double upsertPerSecond = count / ((System.nanoTime() - upsertStart) / 1e9);
    System.err.printf(Locale.ROOT, "upserted %d schedules, %.0f/s%n", count, upsertPerSecond);

    // The first whole minute warms the JVMs up, as a service that has been running is; it is not
    // measured.
    Instant first = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(2));
    Instant end = first.plus(Duration.ofMinutes(minutes));
    Instant stopAt = end.plusSeconds(5);
    List<ChildJvm> children = new ArrayList<>();
    List<Path> outputs = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      Path output = Files.createTempFile("errand-bench-schedules-" + i, ".txt");
      outputs.add(output);
      children.add(
          ChildJvm.start(
              ScheduleBenchInstance.class,
              url,
              prefix,
              Long.toString(stopAt.toEpochMilli()),
              output.toString(),
              CONSUME ? "consume" : "add"));
    }
    double idle = -1;
    try (RedisCommands commands = new RedisCommands(url)) {
      if (!spread) {
        // Between the first two bursts: from second 20 to second 50 of the minute.
        sleepUntil(first.plusSeconds(20));
        long before = commands.total();
        sleepUntil(first.plusSeconds(50));
        idle = (commands.total() - before) / 30.0;
      }
    }
    sleepUntil(stopAt);
    for (ChildJvm child : children) {
      Instant giveUp = Instant.now().plusSeconds(60);
      while (child.isAlive() && Instant.now().isBefore(giveUp)) {
        Thread.sleep(200);
      }
      if (child.isAlive()) {
        throw new IllegalStateException("An instance did not stop: " + child.logTail());
      }
    }
    InstanceRecords records = InstanceRecords.readAndDelete(outputs);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("schedules", count);
    result.put("instances", instances);
    result.put("minutes", minutes);
    result.put("spread", spread ? "\"spread\"" : "\"aligned\"");
    records.summarize(first, end, (long) count * minutes, CONSUME, result);
    result.put("idle_redis_commands_per_s", idle);
    result.put("upsert_per_s", upsertPerSecond);
    System.out.println(json(result));

    cleanUp(client, prefix);
    client.close();
    app.stop();
    System.exit(0);
  }

  /**
   * The settings of the benchmark's applications: the Redis queue, with workers for its jobs only
   * when the instances {@code consume} them.
   */
  static Settings settings(String url, String prefix, boolean consume) {
    return Settings.of(
        Map.of(
            "JOBS_BACKEND",
            "redis",
            "REDIS_URL",
            url,
            "JOBS_ENABLED",
            Boolean.toString(consume),
            "JOBS_CONCURRENCY",
            "50",
            "JOBS_KEY_PREFIX",
            prefix + ":jobs"));
  }

  private static void upsertAll(JobSchedules schedules, int count, boolean spread)
      throws InterruptedException {
    Semaphore inFlight = new Semaphore(256);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < count; i++) {
        int n = i;
        inFlight.acquire();
        pool.submit(
            () -> {
              try {
                Recurrence when =
                    spread
                        ? Recurrence.cron((n % 60) + " * * * * *")
                        : Recurrence.every(Duration.ofMinutes(1));
                schedules.upsert(
                    "bench:" + n, when, "bench", "tick", Map.of("n", n), JobOptions.defaults());
              } finally {
                inFlight.release();
              }
            });
      }
    }
  }

  private static void sleepUntil(Instant when) throws InterruptedException {
    long millis = Duration.between(Instant.now(), when).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  private static void cleanUp(ErrandRedis redis, String prefix) {
    var commands = redis.commands();
    var cursor = io.lettuce.core.ScanCursor.INITIAL;
    do {
      var page =
          commands.scan(cursor, io.lettuce.core.ScanArgs.Builder.matches(prefix + "*").limit(1000));
      if (!page.getKeys().isEmpty()) {
        commands.unlink(page.getKeys().toArray(String[]::new));
      }
      cursor = page;
    } while (!cursor.isFinished());
  }

  private static String json(Map<String, Object> values) {
    StringBuilder out = new StringBuilder("{");
    values.forEach(
        (k, v) -> {
          if (out.length() > 1) {
            out.append(", ");
          }
          out.append('"').append(k).append("\": ");
          out.append(v instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : v);
        });
    return out.append('}').toString();
  }
}
