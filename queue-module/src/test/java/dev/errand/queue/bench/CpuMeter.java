package dev.errand.queue.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.lang.management.ManagementFactory;

/**
 * CPU time spent by Redis's main thread and by this JVM, so each measured step can report how many
 * microseconds of each it cost per job: figures that hold even on a busy machine, unlike rates.
 */
final class CpuMeter implements AutoCloseable {

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private long redisMicros;
  private long jvmNanos;
  private long scriptCalls;

  CpuMeter(String redisUrl) {
    this.client = RedisClient.create(redisUrl);
    this.connection = client.connect();
  }

  void start() {
    redisMicros = redisMicros();
    jvmNanos = jvmNanos();
    scriptCalls = scriptCalls();
  }

  /** {@code redis=..us/job jvm=..us/job} since {@link #start()}. */
  String perJob(int jobs) {
    double redis = (redisMicros() - redisMicros) / (double) jobs;
    double jvm = (jvmNanos() - jvmNanos) / 1000.0 / jobs;
    double perCall = jobs / (double) Math.max(1, scriptCalls() - scriptCalls);
    return String.format(
        java.util.Locale.ROOT,
        "redis=%.1fus/job jvm=%.1fus/job %.1f jobs/script call",
        redis,
        jvm,
        perCall);
  }

  private long scriptCalls() {
    for (String line : connection.sync().info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_evalsha:calls=")) {
        return Long.parseLong(line.substring(22, line.indexOf(',')));
      }
    }
    return 0;
  }

  private long redisMicros() {
    String info = connection.sync().info("cpu");
    double seconds = 0;
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("used_cpu_user_main_thread:")
          || line.startsWith("used_cpu_sys_main_thread:")) {
        seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return (long) (seconds * 1_000_000);
  }

  private static long jvmNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
