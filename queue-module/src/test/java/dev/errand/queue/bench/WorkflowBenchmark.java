package dev.errand.queue.bench;

import dev.errand.testsupport.RedisServerProcess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The workflow benchmark, on a private Redis it starts (so that its command counts are its own), or
 * on the PostgreSQL backend when {@code DATABASE_URL} is a {@code jdbc:postgresql:} URL (tables
 * under a fresh prefix, no command counts; errand-queue-postgres on the classpath): a
 * fan-out/fan-in of 1 -> N -> 1 jobs against N + 2 plain jobs added in bulk, and a chain of ten
 * steps against ten plain jobs run one after another, each from the add to the last completion with
 * one worker. It reports the times, their ratio, the extra Redis commands and time per edge: the
 * medians of rounds that alternate ({@code errand.bench.rounds}, default 5). Usage: {@code
 * WorkflowBenchmark [N] [CONCURRENCY]}; the last line printed is one JSON object.
 */
public final class WorkflowBenchmark {

  private static final int ROUNDS = Integer.getInteger("errand.bench.rounds", 5);

  private final WorkflowScenarios scenarios;

  private WorkflowBenchmark(WorkflowScenarios scenarios) {
    this.scenarios = scenarios;
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    String database = System.getenv("DATABASE_URL");
    if (database != null && database.startsWith("jdbc:postgresql:")) {
      runOn(database, n, concurrency);
    } else {
      try (RedisServerProcess server = RedisServerProcess.start()) {
        runOn(server.url(), n, concurrency);
      }
    }
    System.exit(0);
  }

  private static void runOn(String url, int n, int concurrency) throws Exception {
    WorkflowBenchmark bench = new WorkflowBenchmark(new WorkflowScenarios(url, concurrency));
    Map<String, Object> result = bench.run(n);
    boolean postgres = bench.scenarios.redis() == null;
    if (postgres) {
      result.keySet().removeIf(key -> key.contains("commands") || key.contains("redis_cpu"));
    }
    result.put("backend", postgres ? "postgres" : "redis");
    System.out.println(JsonLine.of(result));
    bench.scenarios.stop();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  /** Medians over the measured rounds of each kind's costs. */
  private record Medians(Map<String, List<ActionCost>> costs) {
    double of(String kind, ToDoubleFunction<ActionCost> figure) {
      return median(costs.get(kind).stream().map(c -> figure.applyAsDouble(c)).toList());
    }

    double millis(String kind) {
      return of(kind, ActionCost::millis);
    }

    double commands(String kind) {
      return of(kind, ActionCost::commands);
    }
  }

  /** Warm-up rounds of every kind until the JIT is quiet ({@link JitQuietWarmUp}). */
  private int warmUp(int n) throws Exception {
    return JitQuietWarmUp.run(
        w -> {
          scenarios.plainBulk("warm-plain-" + w, n + 2);
          scenarios.fanOutFanIn("warm-fan-" + w, n);
          scenarios.chain("warm-chain-" + w, 10);
          scenarios.plainSequence("warm-seq-" + w, 10);
        });
  }

  /**
   * Measured rounds of one kind only ({@code errand.bench.only=fan} or {@code plain}), for a
   * profiler attached to this JVM or to Redis between the two lines {@code measuring} and {@code
   * measured} on stderr; then this JVM's CPU time by kind of thread over those rounds.
   */
  private Map<String, Object> runOnly(String kind, int n) throws Exception {
    Map<String, Long> threadsBefore = ThreadCpu.ticks();
    System.err.println("measuring");
    List<Double> millis = new ArrayList<>();
    for (int r = 0; r < ROUNDS; r++) {
      ActionCost cost =
          kind.equals("fan")
              ? scenarios.fanOutFanIn("only-" + r, n)
              : scenarios.plainBulk("only-" + r, n + 2);
      millis.add(cost.millis());
    }
    System.err.println("measured");
    System.err.print(ThreadCpu.since(threadsBefore, ThreadCpu.ticks()));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(kind + "_ms", median(millis));
    return out;
  }

  private Map<String, Object> run(int n) throws Exception {
    String only = System.getProperty("errand.bench.only");
    if (only != null && !only.equals("fan") && !only.equals("plain")) {
      throw new IllegalArgumentException("errand.bench.only is fan or plain, not " + only);
    }
    int warmups = warmUp(n);
    if (only != null) {
      return runOnly(only, n);
    }
    long jitBefore = JitQuietWarmUp.jitMillis();
    // Each kind's costs by round, kept apart: plain, fan, chain and seq(uence).
    Map<String, List<ActionCost>> costs = new LinkedHashMap<>();
    for (int r = 0; r < ROUNDS; r++) {
      ActionCost plain = scenarios.plainBulk("plain-" + r, n + 2);
      ActionCost fan = scenarios.fanOutFanIn("fan-" + r, n);
      ActionCost chained = scenarios.chain("chain-" + r, 10);
      ActionCost sequence = scenarios.plainSequence("seq-" + r, 10);
      Map.of("plain", plain, "fan", fan, "chain", chained, "seq", sequence)
          .forEach((kind, cost) -> costs.computeIfAbsent(kind, k -> new ArrayList<>()).add(cost));
      System.err.printf(
          "round %d: plain %d jobs %.1f ms, 1->%d->1 %.1f ms, chain 10 %.1f ms, 10 in sequence %.1f"
              + " ms%n",
          r, n + 2, plain.millis(), n, fan.millis(), chained.millis(), sequence.millis());
    }
    Medians m = new Medians(costs);
    int fanEdges = 2 * n;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("fan_jobs", n + 2);
    out.put("plain_ms", m.millis("plain"));
    out.put("fan_ms", m.millis("fan"));
    out.put("fan_over_plain", m.millis("fan") / m.millis("plain"));
    out.put("fan_extra_commands_per_edge", (m.commands("fan") - m.commands("plain")) / fanEdges);
    out.put("fan_extra_us_per_edge", (m.millis("fan") - m.millis("plain")) * 1000 / fanEdges);
    out.put("plain_redis_cpu_ms", m.of("plain", ActionCost::redisCpuMillis));
    out.put("fan_redis_cpu_ms", m.of("fan", ActionCost::redisCpuMillis));
    out.put("plain_jvm_cpu_ms", m.of("plain", ActionCost::jvmCpuMillis));
    out.put("fan_jvm_cpu_ms", m.of("fan", ActionCost::jvmCpuMillis));
    out.put("chain_ms", m.millis("chain"));
    out.put("sequence_ms", m.millis("seq"));
    out.put("chain_extra_commands_per_edge", (m.commands("chain") - m.commands("seq")) / 9);
    out.put("chain_extra_us_per_edge", (m.millis("chain") - m.millis("seq")) * 1000 / 9);
    out.put("warmup_rounds", warmups);
    out.put("jit_ms_while_measured", JitQuietWarmUp.jitMillis() - jitBefore);
    out.put("plain_commands", m.commands("plain"));
    out.put("fan_commands", m.commands("fan"));
    if (Boolean.getBoolean("errand.bench.commandstats")) {
      RedisCallStats stats = new RedisCallStats(scenarios.redis().commands());
      stats.print("plain " + (n + 2) + " jobs", () -> scenarios.plainBulk("stats-plain", n + 2));
      stats.print("1 -> " + n + " -> 1", () -> scenarios.fanOutFanIn("stats-fan", n));
    }
    return out;
  }
}
