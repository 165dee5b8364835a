package dev.errand.queue.bench;

import dev.errand.testsupport.Callgrind;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * CPU time spent by Redis's main threads (every master's, on a cluster) and by this JVM, so each
 * measured step can report how many microseconds of each it cost per job: figures that hold even on
 * a busy machine, unlike rates.
 */
final class CpuMeter implements AutoCloseable {

  private final AutoCloseable client;
  private final Function<String, List<String>> info;
  private long redisMicros;
  private long jvmNanos;
  private long scriptCalls;
  private long commands;

  /** A Redis under callgrind (scripts/bench-workers valgrind), whose instructions are counted. */
  private final Optional<Callgrind> callgrind = Callgrind.fromSystemProperty();

  CpuMeter(String redisUrl) {
    if (redisUrl.startsWith("jdbc:")) {
      // A database: only this JVM's time is measured (the redis figures read 0).
      this.client = () -> {};
      this.info = section -> List.of("");
    } else if (redisUrl.startsWith("redis-cluster://")) {
      List<RedisURI> seeds = new ArrayList<>();
      for (String node : redisUrl.substring("redis-cluster://".length()).split(",")) {
        seeds.add(RedisURI.create("redis://" + node));
      }
      RedisClusterClient cluster = RedisClusterClient.create(seeds);
      StatefulRedisClusterConnection<String, String> connection = cluster.connect();
      this.client = cluster::shutdown;
      this.info =
          section -> {
            List<String> replies = new ArrayList<>();
            connection.sync().upstream().commands().info(section).forEach(replies::add);
            return replies;
          };
    } else {
      // Standalone and Sentinel URLs are lettuce's own forms.
      RedisClient single = RedisClient.create(redisUrl);
      var connection = single.connect();
      this.client = single::shutdown;
      this.info = section -> List.of(connection.sync().info(section));
    }
  }

  void start() {
    redisMicros = redisMicros();
    jvmNanos = jvmNanos();
    scriptCalls = stat("cmdstat_evalsha:calls=");
    commands = stat("total_commands_processed:");
    callgrind.ifPresent(Callgrind::zero);
  }

  /** Redis main-thread microseconds per job since {@link #start()}. */
  double redisMicrosPerJob(int jobs) {
    return (redisMicros() - redisMicros) / (double) jobs;
  }

  /** {@code redis=..us/job jvm=..us/job} since {@link #start()}. */
  String perJob(int jobs) {
    double redis = (redisMicros() - redisMicros) / (double) jobs;
    double jvm = (jvmNanos() - jvmNanos) / 1000.0 / jobs;
    double perCall = jobs / (double) Math.max(1, stat("cmdstat_evalsha:calls=") - scriptCalls);
    double commandsPerJob = (stat("total_commands_processed:") - commands) / (double) jobs;
    String instructions =
        callgrind
            .map(c -> String.format(Locale.ROOT, " %.1f kIr/job", c.instructions() / 1000.0 / jobs))
            .orElse("");
    return String.format(
        Locale.ROOT,
        "redis=%.1fus/job jvm=%.1fus/job %.1f jobs/script call %.2f commands/job%s",
        redis,
        jvm,
        perCall,
        commandsPerJob,
        instructions);
  }

  /** A counter summed over every server measured, from INFO lines starting with {@code prefix}. */
  private long stat(String prefix) {
    long total = 0;
    for (String reply : info.apply("all")) {
      for (String line : reply.split("\r?\n")) {
        if (line.startsWith(prefix)) {
          String value = line.substring(prefix.length());
          int comma = value.indexOf(',');
          total += Long.parseLong((comma < 0 ? value : value.substring(0, comma)).trim());
        }
      }
    }
    return total;
  }

  private long redisMicros() {
    double seconds = 0;
    for (String reply : info.apply("cpu")) {
      for (String line : reply.split("\r?\n")) {
        if (line.startsWith("used_cpu_user_main_thread:")
            || line.startsWith("used_cpu_sys_main_thread:")) {
          seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
        }
      }
    }
    return (long) (seconds * 1_000_000);
  }

  /** This JVM's CPU time so far, in ns: every thread's, the workers' and the JIT's alike. */
  static long jvmNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  @Override
  public void close() throws Exception {
    client.close();
  }
}
