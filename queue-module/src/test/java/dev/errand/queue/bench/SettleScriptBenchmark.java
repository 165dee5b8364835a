package dev.errand.queue.bench;

import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisSettings;
import dev.errand.queue.internal.redis.RedisWorkflowStore;
import dev.errand.queue.internal.workflow.FanOutFanIn;
import dev.errand.queue.spi.StepOutcome;
import dev.errand.queue.spi.StoredStep;
import dev.errand.testsupport.RedisServerProcess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Redis's own time in the workflow scripts of a 1 -> 1,000 -> 1 workflow, without workers: the
 * script that stores it, its root's release (the settle calls that pass it on to the thousand) and
 * its middle steps' settles in batches of {@code BATCH}, as a worker's acknowledgements bring them,
 * on a private Redis whose INFO commandstats count nothing else. Unlike elapsed times this hardly
 * moves on a busy machine, so it compares script changes. Usage: {@code SettleScriptBenchmark
 * [ROUNDS] [BATCH]} (default 20 workflows, 40 outcomes a call); the last line printed is one JSON
 * object.
 */
public final class SettleScriptBenchmark {

  private static final int MIDDLE = 1000;
  private static final String PAD = "x".repeat(100);

  private SettleScriptBenchmark() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    try (RedisServerProcess server = RedisServerProcess.start()) {
      ErrandRedis redis = new ErrandRedis(RedisSettings.of(server.url()));
      RedisWorkflowStore store = new RedisWorkflowStore(redis, "settlebench");
      long createMicros = 0;
      long rootMicros = 0;
      long middleMicros = 0;
      long middleCalls = 0;
      for (int r = 0; r < rounds; r++) {
        String workflow = "w" + r;
        List<StoredStep> steps =
            FanOutFanIn.steps(
                workflow, MIDDLE, "wfbench", "step", "{\"k\":0,\"pad\":\"" + PAD + "\"}");
        long stored = scriptMicros(redis);
        store.create(workflow, steps);
        long before = scriptMicros(redis);
        createMicros += before - stored;
        var settled = store.settle(workflow, Map.of("root", new StepOutcome.Completed("0")), 102);
        while (settled.more()) {
          settled = store.settle(workflow, Map.of(), 500);
        }
        rootMicros += scriptMicros(redis) - before;
        List<String> middle = new ArrayList<>();
        for (int i = 0; i < MIDDLE; i++) {
          middle.add("m" + i);
        }
        store.enqueued(workflow, middle);
        long released = scriptMicros(redis);
        for (int from = 0; from < MIDDLE; from += batch) {
          Map<String, StepOutcome> outcomes = new LinkedHashMap<>();
          for (int i = from; i < Math.min(MIDDLE, from + batch); i++) {
            outcomes.put("m" + i, new StepOutcome.Completed(Integer.toString(i)));
          }
          // The budget a worker's first call gives: itself and one edge per outcome, and 100.
          store.settle(workflow, outcomes, Math.min(500, 100 + 2 * outcomes.size()));
          middleCalls++;
        }
        middleMicros += scriptMicros(redis) - released;
        store.delete(workflow);
      }
      redis.close();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("create_redis_us", (double) createMicros / rounds);
      out.put("root_release_redis_us", (double) rootMicros / rounds);
      out.put("middle_settles_redis_us", (double) middleMicros / rounds);
      out.put("settle_call_redis_us", (double) middleMicros / middleCalls);
      out.put("outcomes_per_call", batch);
      System.out.println(JsonLine.of(out));
    }
    System.exit(0);
  }

  /** The microseconds Redis has spent in EVALSHA calls so far (INFO commandstats). */
  private static long scriptMicros(ErrandRedis redis) {
    for (String line : redis.commands().info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_evalsha:")) {
        for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
          if (field.startsWith("usec=")) {
            return Long.parseLong(field.substring("usec=".length()));
          }
        }
      }
    }
    return 0;
  }
}
