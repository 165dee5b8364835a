package dev.errand.tck.queue;

import static dev.errand.tck.queue.ContractProcessor.GATHER;
import static dev.errand.tck.queue.ContractProcessor.GROW;
import static dev.errand.tck.queue.ContractProcessor.WORK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.queue.Batch;
import dev.errand.queue.Workflow;
import dev.errand.queue.WorkflowInfo;
import dev.errand.queue.WorkflowStepState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Batches and chains on every backend: callbacks for all finished, all succeeded and the first
 * death, each run once with the batch's counts; a batch that grows from its own jobs; a step that
 * runs only when the one before it fails.
 */
public abstract class BatchContract extends QueueContract {

  /** A batch of {@code jobs} with the three callbacks, each a gather step. */
  private static Batch withCallbacks(List<Work> jobs) {
    Batch batch = Batch.create();
    jobs.forEach(work -> batch.add(work.key(), WORK, work));
    return batch
        .onFinished(GATHER, Work.plain("finished"))
        .onSuccess(GATHER, Work.plain("succeeded"))
        .onDeath(GATHER, Work.plain("died"));
  }

  @Test
  void shouldRunFinishedAndSuccessCallbacksOnceWithCountsWhenAllSucceed() {
    QueueApp app = start();
    Batch batch =
        withCallbacks(
            List.of(Work.plain("s0"), Work.plain("s1"), Work.plain("s2"), Work.plain("s3")));

    String id = app.workflows().add(batch);

    WorkflowInfo info = app.awaitWorkflow(id);
    assertThat(app.recorder().runsOf("finished")).hasSize(1);
    assertThat(app.recorder().runsOf("succeeded")).hasSize(1);
    assertThat(app.recorder().runsOf("died")).isEmpty();
    assertThat(app.recorder().counts.get("finished")).containsExactly(4, 4, 0);
    assertThat(info.step(Batch.ON_DEATH).state()).isEqualTo(WorkflowStepState.SKIPPED);
  }

  @Test
  void shouldRunDeathCallbackOnceAndFinishedWithCountsWhenJobsDie() {
    QueueApp app = start();
    Batch batch =
        withCallbacks(
            List.of(Work.plain("good"), Work.unrecoverable("bad-1"), Work.unrecoverable("bad-2")));

    String id = app.workflows().add(batch);

    WorkflowInfo info = app.awaitWorkflow(id);
    assertThat(app.recorder().runsOf("died")).hasSize(1);
    assertThat(app.recorder().passedFailures.get("died"))
        .containsAnyOf(entry("bad-1"), entry("bad-2"));
    assertThat(app.recorder().runsOf("finished")).hasSize(1);
    assertThat(app.recorder().counts.get("finished")).containsExactly(3, 1, 2);
    assertThat(app.recorder().passedFailures.get("finished")).containsOnlyKeys("bad-1", "bad-2");
    assertThat(app.recorder().runsOf("succeeded")).isEmpty();
    assertThat(info.step(Batch.ON_SUCCESS).state()).isEqualTo(WorkflowStepState.DEPENDENCY_FAILED);
  }

  private static Map.Entry<String, String> entry(String step) {
    return Map.entry(step, "dev.errand.queue.UnrecoverableJobException: cannot ever work: " + step);
  }

  @Test
  void shouldWaitForJobsTheBatchAddsToItselfWhileRunning() {
    QueueApp app = start();
    Batch batch = Batch.create();
    batch.add("parent", GROW, Work.plain("parent"));
    batch.add("sibling", WORK, Work.plain("sibling"));
    batch.onFinished(GATHER, Work.plain("finished"));

    String id = app.workflows().add(batch);

    WorkflowInfo info = app.awaitWorkflow(id);
    assertThat(info.steps())
        .extracting(WorkflowInfo.Step::id)
        .contains("parent-grown-1", "parent-grown-2");
    assertThat(app.recorder().runsOf("parent-1")).hasSize(1);
    assertThat(app.recorder().runsOf("parent-2")).hasSize(1);
    assertThat(app.recorder().counts.get("finished")).containsExactly(4, 4, 0);
    assertThat(app.recorder().runsOf("finished")).hasSize(1);
    List<String> order = app.recorder().keysInOrder();
    assertThat(order.indexOf("finished"))
        .isGreaterThan(order.indexOf("parent-1"))
        .isGreaterThan(order.indexOf("parent-2"));
  }

  @Test
  void shouldRefuseToGrowAFinishedBatch() {
    QueueApp app = start();
    Batch batch = Batch.withId("closed-batch");
    batch.add("only", WORK, Work.plain("only"));
    batch.onFinished(GATHER, Work.plain("finished"));
    app.workflows().add(batch);
    app.awaitWorkflow("closed-batch");

    assertThatThrownBy(
            () -> app.workflows().addToBatch("closed-batch", "late", WORK, Work.plain("late")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Batch closed-batch has finished");
    assertThatThrownBy(() -> app.workflows().addToBatch("no-such", "x", WORK, Work.plain("x")))
        .hasMessageContaining("no batch or workflow no-such");
  }

  @Test
  void shouldRunOnFailureStepOnlyWhenTheStepBeforeFails() {
    QueueApp app = start();
    Workflow flow = Workflow.create();
    flow.step("charge", WORK, Work.unrecoverable("charge"))
        .onFailure("refund", GATHER, Work.plain("refund"));
    flow.step("reserve", WORK, Work.plain("reserve"))
        .onFailure("release", GATHER, Work.plain("release"));

    String id = app.workflows().add(flow);

    WorkflowInfo info = app.awaitWorkflow(id);
    assertThat(app.recorder().runsOf("refund")).hasSize(1);
    assertThat(app.recorder().passedFailures.get("refund")).containsOnlyKeys("charge");
    assertThat(app.recorder().runsOf("release")).isEmpty();
    assertThat(info.step("release").state()).isEqualTo(WorkflowStepState.SKIPPED);
  }
}
