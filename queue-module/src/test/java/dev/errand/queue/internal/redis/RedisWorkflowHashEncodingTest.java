package dev.errand.queue.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisSettings;
import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.internal.workflow.FanOutFanIn;
import dev.errand.queue.spi.StepOutcome;
import dev.errand.queue.spi.StepRecord;
import dev.errand.queue.spi.StoredStep;
import dev.errand.testsupport.TestServers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A large workflow's hashes are hash tables from the start: as listpacks (Redis's form for small
 * hashes, up to hash-max-listpack-entries fields) every write walked every field before it, which
 * cost a 1 -> 1,000 -> 1 workflow's create and settles a third of their Redis time ({@code
 * scripts/bench-workflows settle}). The field that turns them is not seen by any read.
 */
class RedisWorkflowHashEncodingTest {

  private final ErrandRedis redis = new ErrandRedis(RedisSettings.of(TestServers.redisUrl()));
  private final String prefix = TestServers.unique("errand-wfhash");
  private final RedisWorkflowStore store = new RedisWorkflowStore(redis, prefix);

  @AfterEach
  void close() {
    redis.close();
  }

  /** root, then n middle steps after it, then a sink after all of them. */
  private static List<StoredStep> fan(String workflow, int n) {
    return FanOutFanIn.steps(workflow, n, "q", "work", "{}");
  }

  private static StoredStep alone(String workflow, String id) {
    return FanOutFanIn.step(workflow, id, List.of(), "q", "work", "{}");
  }

  private String encoding(String workflow, String hash) {
    return redis.commands().objectEncoding(prefix + ":wf:{" + workflow + "}:" + hash);
  }

  @Test
  void shouldStoreALargeWorkflowsHashesAsHashTablesWithNoFieldBeyondItsSteps() {
    store.create("big", fan("big", 200));

    for (String hash : List.of("state", "spec", "out", "result")) {
      assertThat(encoding("big", hash)).as(hash).isEqualTo("hashtable");
    }
    assertThat(redis.commands().hlen(prefix + ":wf:{big}:state")).isEqualTo(202);
    assertThat(redis.commands().hlen(prefix + ":wf:{big}:spec")).isEqualTo(202);
    assertThat(redis.commands().hlen(prefix + ":wf:{big}:out")).isEqualTo(201);

    store.settle("big", Map.of("root", new StepOutcome.Completed("7")), 1000);
    store.settle("big", Map.of("m3", new StepOutcome.Completed("\"three\"")), 10);

    Map<String, String> results = store.results("big", List.of("root", "m3", "m4"));
    assertThat(results).containsEntry("root", "7").containsEntry("m3", "\"three\"");
    assertThat(results.get("m4")).isNull();
    List<StepRecord> steps = store.steps("big").orElseThrow();
    assertThat(steps).hasSize(202);
    assertThat(steps.get(0).state()).isEqualTo(WorkflowStepState.COMPLETED);
    assertThat(store.states("big", List.of("m3", "m4")))
        .containsEntry("m3", WorkflowStepState.COMPLETED)
        .containsEntry("m4", WorkflowStepState.READY);
  }

  @Test
  void shouldKeepASmallWorkflowsHashesCompact() {
    store.create("small", fan("small", 3));

    assertThat(encoding("small", "state")).isEqualTo("listpack");
    assertThat(redis.commands().exists(prefix + ":wf:{small}:result")).isZero();
  }

  @Test
  void shouldTurnABatchsHashesOnceItGrowsLarge() {
    store.create("batch", List.of(alone("batch", "first")));

    for (int i = 0; i < 140; i++) {
      store.extend("batch", alone("batch", "j" + i));
    }

    assertThat(encoding("batch", "state")).isEqualTo("hashtable");
    assertThat(encoding("batch", "result")).isEqualTo("hashtable");
    assertThat(redis.commands().hlen(prefix + ":wf:{batch}:state")).isEqualTo(141);
    assertThat(store.steps("batch").orElseThrow()).hasSize(141);
  }
}
