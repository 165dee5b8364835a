package dev.errand.queue.bench;

import dev.errand.core.ErrandRedis;

/**
 * What one measured action of a benchmark cost: its time, the Redis commands it sent and the CPU
 * time Redis and this JVM spent on it. On PostgreSQL (no Redis given) the Redis figures read 0.
 *
 * @param millis elapsed time, ms
 * @param commands Redis commands, those inside scripts included
 * @param redisCpuMillis Redis's CPU time, ms: unlike the elapsed time, other processes on a busy
 *     machine barely change it, so it compares runs made at different times
 * @param jvmCpuMillis this JVM's CPU time, every thread's, ms
 */
record ActionCost(double millis, long commands, double redisCpuMillis, double jvmCpuMillis) {

  /** The measured action. */
  interface Action {
    void run() throws Exception;
  }

  /** Runs {@code action} and returns what it cost; {@code redis} null on PostgreSQL. */
  static ActionCost of(ErrandRedis redis, Action action) throws Exception {
    long before = commands(redis);
    double cpuBefore = redisCpuMillis(redis);
    long jvmBefore = CpuMeter.jvmNanos();
    long start = System.nanoTime();
    action.run();
    double millis = (System.nanoTime() - start) / 1e6;
    double jvm = (CpuMeter.jvmNanos() - jvmBefore) / 1e6;
    double cpu = redisCpuMillis(redis) - cpuBefore;
    // The INFO calls themselves are four commands, of which the first is counted before.
    long commands = redis == null ? 0 : commands(redis) - before - 3;
    return new ActionCost(millis, commands, cpu, jvm);
  }

  private static long commands(ErrandRedis redis) {
    if (redis == null) {
      return 0;
    }
    return (long) infoField(redis.commands().info("stats"), "total_commands_processed");
  }

  private static double redisCpuMillis(ErrandRedis redis) {
    if (redis == null) {
      return 0;
    }
    String cpu = redis.commands().info("cpu");
    return (infoField(cpu, "used_cpu_user") + infoField(cpu, "used_cpu_sys")) * 1000;
  }

  private static double infoField(String info, String field) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(field + ":")) {
        return Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    throw new IllegalStateException("no " + field + " in INFO");
  }
}
