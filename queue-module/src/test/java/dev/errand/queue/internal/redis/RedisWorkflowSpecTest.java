package dev.errand.queue.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisSettings;
import dev.errand.queue.DependencyFailure;
import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.StepOutcome;
import dev.errand.queue.spi.StepRecord;
import dev.errand.queue.spi.StoredStep;
import dev.errand.testsupport.TestServers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the Redis store keeps a step (StepCodec's compact spec): every field comes back as stored,
 * whatever characters it holds, and workflows stored as JSON by earlier versions still read and
 * settle, in Java and in the settle script.
 */
class RedisWorkflowSpecTest {

  private final ErrandRedis redis = new ErrandRedis(RedisSettings.of(TestServers.redisUrl()));
  private final String prefix = TestServers.unique("errand-wfspec");
  private final RedisWorkflowStore store = new RedisWorkflowStore(redis, prefix);

  @AfterEach
  void close() {
    redis.close();
  }

  private static StoredStep step(String id, String payload, List<StoredStep.Dependency> deps) {
    return new StoredStep(
        id, "q", new JobDraft("work", payload, null, "wf:w:" + id, 0, null, null), deps, false);
  }

  @Test
  void shouldReadBackEveryFieldOfAStepWhateverItHolds() {
    StoredStep odd =
        new StoredStep(
            "odd-1",
            "queue:with-,colons",
            new JobDraft(
                "name:3:x",
                "{\"text\":\"line\\none, two -, 4:xy ~é 😀\"}\n-,7:",
                "{\"attempts\":2}",
                "wf:w:odd-1",
                -3,
                null,
                "group-,:1"),
            List.of(
                new StoredStep.Dependency("a,b", DependencyFailure.PASS),
                new StoredStep.Dependency("c_d", DependencyFailure.ONLY_ON_FAILURE)),
            true);
    StoredStep plain = step("a,b", "", List.of());
    StoredStep other = step("c_d", "{}", List.of());

    assertThat(store.create("w", List.of(plain, other, odd))).isTrue();

    assertThat(store.steps("w").orElseThrow().stream().map(StepRecord::step))
        .containsExactly(plain, other, odd);
    assertThat(store.step("w", "odd-1").orElseThrow().step()).isEqualTo(odd);
  }

  @Test
  void shouldReadAndSettleAStepStoredAsJsonByAnEarlierVersion() {
    StoredStep a = step("a", "{}", List.of());
    StoredStep b =
        step("b", "{\"n\":1}", List.of(new StoredStep.Dependency("a", DependencyFailure.FAIL)));
    store.create("w", List.of(a, b));
    // b as versions before the compact spec wrote it.
    redis
        .commands()
        .hset(
            prefix + ":wf:{w}:spec",
            "b",
            "{\"id\":\"b\",\"queue\":\"q\",\"name\":\"work\",\"payload\":\"{\\\"n\\\":1}\","
                + "\"options\":null,\"jobId\":\"wf:w:b\",\"priority\":0,\"group\":null,"
                + "\"callback\":false,\"deps\":[[\"a\",\"f\"]]}");

    assertThat(store.step("w", "b").orElseThrow().step()).isEqualTo(b);

    // a fails, so b fails with it; a retried to completion makes the settle script read b's
    // dependencies from its spec to decide that b may run after all.
    store.settle("w", Map.of("a", new StepOutcome.Failed("boom")), 500);
    assertThat(store.states("w", List.of("b")))
        .containsEntry("b", WorkflowStepState.DEPENDENCY_FAILED);
    List<StoredStep> released =
        store.settle("w", Map.of("a", new StepOutcome.Completed("1")), 500).released();

    assertThat(released).containsExactly(b);
    assertThat(store.states("w", List.of("b"))).containsEntry("b", WorkflowStepState.READY);
  }

  /** Stores workflow w: steps first and second, and b, which waits for both. Returns b. */
  private StoredStep storeAfterBoth(String first, DependencyFailure onFirst, String second) {
    StoredStep b =
        step(
            "b",
            "{}",
            List.of(
                new StoredStep.Dependency(first, onFirst),
                new StoredStep.Dependency(second, DependencyFailure.FAIL)));
    store.create("w", List.of(step(first, "{}", List.of()), step(second, "{}", List.of()), b));
    return b;
  }

  /** first fails, then completes on a retry; b, counted off once, still waits for second. */
  private void assertFailedThenCompletedCountsOnce(String first, String second, StoredStep b) {
    assertThat(store.settle("w", Map.of(first, new StepOutcome.Completed("1")), 500).released())
        .isEmpty();
    assertThat(store.states("w", List.of("b")))
        .containsEntry("b", WorkflowStepState.WAITING_ON_DEPENDENCIES);
    assertThat(store.settle("w", Map.of(second, new StepOutcome.Completed("2")), 500).released())
        .containsExactly(b);
  }

  @Test
  void shouldSettleFromACompactSpecWhoseDependencyIdsHoldCommas() {
    StoredStep b = storeAfterBoth("a,1", DependencyFailure.FAIL, "a,2");

    // The settle script reads b's dependencies from its spec when a,1's completion comes after its
    // failure.
    store.settle("w", Map.of("a,1", new StepOutcome.Failed("boom")), 500);
    assertFailedThenCompletedCountsOnce("a,1", "a,2", b);
  }

  @Test
  void shouldNotCountAFailureTwiceThatAnEarlierVersionNotedUnderItsOldName() {
    StoredStep b = storeAfterBoth("a", DependencyFailure.IGNORE, "x");
    store.settle("w", Map.of("a", new StepOutcome.Failed("boom")), 500);
    // The note that a's failure was counted off b, as versions before this one named it.
    String out = prefix + ":wf:{w}:out";
    assertThat(redis.commands().hdel(out, "\u0001a")).isEqualTo(1);
    redis.commands().hset(out, "#a", "1");

    assertFailedThenCompletedCountsOnce("a", "x", b);
  }
}
