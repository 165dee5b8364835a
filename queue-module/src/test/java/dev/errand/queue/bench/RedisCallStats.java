package dev.errand.queue.bench;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Where Redis spends its time during one action, printed to stderr: per command from {@code INFO
 * commandstats}, and per script from a slow log that records every call ({@code commandstats} lumps
 * every {@code EVALSHA} together). For the benchmark's {@code errand.bench.commandstats} mode.
 */
final class RedisCallStats {

  private static final int LOG_LENGTH = 200_000;

  private final RedisClusterCommands<String, String> redis;

  RedisCallStats(RedisClusterCommands<String, String> redis) {
    this.redis = redis;
  }

  void print(String what, Callable<?> action) throws Exception {
    redis.configResetstat();
    redis.configSet("slowlog-max-len", Integer.toString(LOG_LENGTH));
    redis.configSet("slowlog-log-slower-than", "0");
    redis.slowlogReset();
    action.call();
    Map<String, long[]> byCall = new TreeMap<>();
    for (Object entry : redis.slowlogGet(LOG_LENGTH)) {
      List<?> fields = (List<?>) entry;
      long[] sum = byCall.computeIfAbsent(name((List<?>) fields.get(3)), k -> new long[2]);
      sum[0]++;
      sum[1] += ((Number) fields.get(2)).longValue();
    }
    redis.configSet("slowlog-log-slower-than", "10000");
    System.err.println("Redis during " + what + ", by call (calls, µs):");
    byCall.forEach((name, sum) -> System.err.printf("  %-60s %6d %8d%n", name, sum[0], sum[1]));
    System.err.println("Redis during " + what + ", INFO commandstats and errorstats:");
    String stats = redis.info("commandstats") + redis.info("errorstats");
    for (String line : stats.split("\r?\n")) {
      if (line.startsWith("cmdstat_") || line.startsWith("errorstat_")) {
        System.err.println("  " + line);
      }
    }
  }

  /** A command's name; a script's also names its digest and its first key, hash tag blanked. */
  private static String name(List<?> command) {
    String name = String.valueOf(command.get(0));
    if (name.equalsIgnoreCase("evalsha") && command.size() > 3) {
      String digest = String.valueOf(command.get(1)).substring(0, 8);
      return name + " " + digest + " " + String.valueOf(command.get(3)).replaceAll("\\{.*}", "{}");
    }
    return name;
  }
}
