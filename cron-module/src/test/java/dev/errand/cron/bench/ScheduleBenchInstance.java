package dev.errand.cron.bench;

import dev.errand.core.ErrandApp;
import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisSettings;
import dev.errand.core.Settings;
import dev.errand.cron.CronSettings;
import dev.errand.cron.internal.ScheduleParser;
import dev.errand.cron.internal.schedules.RedisScheduleStore;
import dev.errand.cron.internal.schedules.ScheduleTicker;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One instance of the schedules benchmark, in a JVM of its own as an application's instance is: a
 * queue client and a ticker over the benchmark's schedules on Redis, until a given time. It then
 * writes a line {@code J <job id>} for each job it added, {@code L <tick ms> <lateness ms> <ms
 * before its add started>} for each lateness measured and, when it consumes the jobs too, {@code S
 * <tick ms> <ms from the tick to the handler's start>} for each job it ran.
 *
 * <p>Arguments: the Redis URL, the benchmark's key prefix, the stop time in epoch milliseconds, the
 * file to write and, optionally, {@code consume} to run the jobs as well.
 */
public final class ScheduleBenchInstance {

  private ScheduleBenchInstance() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String prefix = args[1];
    Instant stopAt = Instant.ofEpochMilli(Long.parseLong(args[2]));
    Path out = Path.of(args[3]);
    boolean consume = args.length > 4 && args[4].equals("consume");
    Settings settings = SchedulesBenchmark.settings(url, prefix, consume);
    ErrandApp app =
        ErrandApp.builder()
            .settings(settings)
            .adapters(new QueueAdapter(QueueSettings.from(settings)).withClasses(BenchTicks.class))
            .shutdownHook(false)
            .start();
    ErrandRedis client = new ErrandRedis(RedisSettings.from(settings));
    Queue<long[]> lateness = new ConcurrentLinkedQueue<>();
    Map<String, Integer> jobs = new ConcurrentHashMap<>();
    QueueService timed = new TimedQueue(app.get(QueueService.class), lateness, jobs);
    ScheduleTicker ticker =
        new ScheduleTicker(
            new RedisScheduleStore(client, prefix + ":cron"),
            timed,
            new ScheduleParser(settings),
            Clock.systemUTC(),
            CronSettings.DEFAULT_RUN_LEASE);
    ticker.start();
    System.err.println("instance " + ProcessHandle.current().pid() + " ticking");
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), stopAt).toMillis()));
    ticker.stop();
    try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out))) {
      jobs.forEach(
          (id, count) -> {
            for (int i = 0; i < count; i++) {
              writer.println("J " + id);
            }
          });
      for (long[] pair : lateness) {
        writer.println("L " + pair[0] + " " + pair[1] + " " + pair[2]);
      }
      for (long[] pair : BenchTicks.STARTED) {
        writer.println("S " + pair[0] + " " + pair[1]);
      }
    }
    client.close();
    app.stop();
    System.exit(0);
  }
}
