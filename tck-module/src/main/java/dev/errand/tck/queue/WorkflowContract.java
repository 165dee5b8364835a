package dev.errand.tck.queue;

import static dev.errand.tck.queue.ContractProcessor.GATHER;
import static dev.errand.tck.queue.ContractProcessor.WORK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.errand.queue.JobOptions;
import dev.errand.queue.Workflow;
import dev.errand.queue.WorkflowInfo;
import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.StoredStep;
import dev.errand.queue.spi.WorkflowStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Workflows on every backend: steps that wait for steps (a DAG, shared dependencies allowed),
 * stored all at once, cycles refused, results passed forward, and cancellation; what a failed step
 * does to what waits for it is in {@link WorkflowFailureContract}.
 */
public abstract class WorkflowContract extends QueueContract {

  /** Waits until every step of workflow {@code id} has completed (a revived one included). */
  static void awaitAllCompleted(QueueApp app, String id) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                app.workflows().workflow(id).orElseThrow().steps().stream()
                    .allMatch(s -> s.state() == WorkflowStepState.COMPLETED));
  }

  private static int started(QueueApp app, String key) {
    List<String> order = app.recorder().keysInOrder();
    assertThat(order).as("keys run, in order").contains(key);
    return order.indexOf(key);
  }

  @Test
  void shouldRunSharedDependencyOnceAndEachStepAfterWhatItWaitsFor() {
    QueueApp app = start();
    Workflow flow = Workflow.create();
    Workflow.Step a = flow.step("a", WORK, Work.plain("a"));
    Workflow.Step b = flow.step("b", WORK, Work.plain("b")).after(a);
    Workflow.Step c = flow.step("c", WORK, Work.plain("c")).after(a);
    flow.step("d", GATHER, Work.plain("d")).after(b, c);

    String id = app.workflows().add(flow);

    WorkflowInfo info = app.awaitWorkflow(id);
    assertThat(info.steps())
        .extracting(WorkflowInfo.Step::state)
        .containsOnly(WorkflowStepState.COMPLETED);
    for (String key : List.of("a", "b", "c", "d")) {
      assertThat(app.recorder().runsOf(key)).as("runs of %s", key).hasSize(1);
    }
    assertThat(started(app, "a")).isLessThan(started(app, "b")).isLessThan(started(app, "d"));
    assertThat(started(app, "c")).isLessThan(started(app, "d"));
    assertThat(app.recorder().gathered.get("d")).containsExactly("done-b", "done-c");
    assertThat(info.step("d").jobId()).isEqualTo("wf:" + id + ":d");
    assertThat(info.step("d").dependsOn()).containsExactly("b", "c");
  }

  @Test
  void shouldPassEveryExportsResultToTheZipThenMail() {
    QueueApp app = start();
    Workflow export = Workflow.withId("export-workspace-7");
    List<Workflow.Step> exports = new ArrayList<>();
    for (int project = 1; project <= 5; project++) {
      exports.add(export.step("export-" + project, WORK, Work.plain("export-" + project)));
    }
    Workflow.Step zip = export.step("zip", GATHER, Work.plain("zip")).after(exports);
    zip.then("mail", GATHER, Work.plain("mail"));

    assertThat(app.workflows().add(export)).isEqualTo("export-workspace-7");

    app.awaitWorkflow("export-workspace-7");
    assertThat(app.recorder().gathered.get("zip"))
        .containsExactly(
            "done-export-1", "done-export-2", "done-export-3", "done-export-4", "done-export-5");
    assertThat(app.recorder().gathered.get("mail")).containsExactly("done-zip");
    assertThat(started(app, "zip")).isLessThan(started(app, "mail"));
  }

  @Test
  void shouldRunAWorkflowWhoseStepsGoToAShardedQueue() {
    QueueApp app =
        start(Map.of("JOBS_QUEUE_CONTRACT_SHARDS", "3", "JOBS_QUEUE_CONTRACT_CONCURRENCY", "6"));
    Workflow flow = Workflow.create();
    List<Workflow.Step> parts = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      parts.add(flow.step("part-" + i, WORK, Work.plain("part-" + i)));
    }
    flow.step("join", GATHER, Work.plain("join")).after(parts);

    String id = app.workflows().add(flow);

    app.awaitWorkflow(id);
    assertThat(app.recorder().gathered.get("join")).hasSize(9);
    assertThat(app.recorder().runs).hasSize(10);
  }

  @Test
  void shouldListWorkflowsNewestFirstAndRemoveOnlyFinishedOnes() {
    QueueApp app = start();
    Workflow first = Workflow.withId("listed-1");
    first.step("only", WORK, Work.plain("listed-1"));
    Workflow second = Workflow.withId("listed-2");
    second.step("held", WORK, Work.gated("listed-2"));
    app.workflows().add(first);
    app.workflows().add(second);

    assertThat(app.workflows().workflowIds(0, 10)).containsExactly("listed-2", "listed-1");
    assertThat(app.workflows().workflowIds(1, 10)).containsExactly("listed-1");
    app.awaitWorkflow("listed-1");
    assertThatThrownBy(() -> app.workflows().remove("listed-2"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Workflow listed-2 has unfinished steps [held]");

    assertThat(app.workflows().remove("listed-1")).isTrue();

    assertThat(app.workflows().workflow("listed-1")).isEmpty();
    assertThat(app.workflows().workflowIds(0, 10)).containsExactly("listed-2");
    assertThat(app.workflows().remove("listed-1")).isFalse();
    app.recorder().gate.countDown();
  }

  @Test
  void shouldFinishAReleaseThatTheAddingProcessLeftUndone() {
    QueueApp app = start();
    WorkflowStore store = app.storedBackend().workflowStore();
    JobDraft first =
        new JobDraft("work", "{\"key\":\"stranded\"}", null, "wf:stranded:first", 0, null);
    // What WorkflowService.add does up to its release, as if its process died right there.
    store.releasing("stranded", Instant.now().minus(Duration.ofMinutes(1)));
    store.create("stranded", List.of(new StoredStep("first", QUEUE, first, List.of(), false)));

    assertThat(app.awaitWorkflow("stranded").step("first").state())
        .isEqualTo(WorkflowStepState.COMPLETED);
    assertThat(app.recorder().runsOf("stranded")).hasSize(1);
  }

  @Test
  void shouldRefuseACycleNamingItAndStoreNothing() {
    QueueApp app = start();
    Workflow flow = Workflow.withId("cyclic");
    Workflow.Step a = flow.step("a", WORK, Work.plain("a"));
    Workflow.Step b = flow.step("b", WORK, Work.plain("b")).after(a);
    Workflow.Step c = flow.step("c", WORK, Work.plain("c")).after(b);
    a.after(c);
    flow.step("free", WORK, Work.plain("free"));

    assertThatThrownBy(() -> app.workflows().add(flow))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Workflow cyclic has a cycle")
        .hasMessageContaining("a -> c -> b -> a");
    assertThat(app.workflows().workflow("cyclic")).isEmpty();
    assertThat(app.admin().counts(QUEUE).waiting()).isZero();
  }

  @Test
  void shouldAddAWorkflowOnceUnderOneId() {
    QueueApp app = start();
    for (int i = 0; i < 2; i++) {
      Workflow flow = Workflow.withId("once");
      flow.step("only", WORK, Work.plain("only")).then("next", WORK, Work.plain("next"));
      app.workflows().add(flow);
    }

    app.awaitWorkflow("once");
    assertThat(app.recorder().runsOf("only")).hasSize(1);
    assertThat(app.recorder().runsOf("next")).hasSize(1);
  }

  @Test
  void shouldShowStepsWaitingOnDependenciesUntilTheyComplete() {
    QueueApp app = start();
    Workflow flow = Workflow.create();
    flow.step("first", WORK, Work.gated("first")).then("second", WORK, Work.plain("second"));

    String id = app.workflows().add(flow);

    await().atMost(Duration.ofSeconds(10)).until(() -> app.recorder().runsOf("first").size() == 1);
    WorkflowInfo running = app.workflows().workflow(id).orElseThrow();
    assertThat(running.step("first").state()).isEqualTo(WorkflowStepState.ENQUEUED);
    assertThat(running.step("second").state()).isEqualTo(WorkflowStepState.WAITING_ON_DEPENDENCIES);
    assertThat(app.admin().job(QUEUE, "wf:" + id + ":second")).isEmpty();
    app.recorder().gate.countDown();
    assertThat(app.awaitWorkflow(id).step("second").state()).isEqualTo(WorkflowStepState.COMPLETED);
  }

  @Test
  void shouldCancelEveryUnfinishedStep() {
    QueueApp app = start();
    Workflow flow = Workflow.create();
    Workflow.Step slow = flow.step("slow", WORK, Work.gated("slow"));
    flow.step("queued", WORK, Work.plain("queued"), JobOptions.builder().priority(-5).build());
    flow.step("later", WORK, Work.plain("later")).after(slow);
    app.admin().pause(QUEUE);
    String id = app.workflows().add(flow);

    assertThat(app.workflows().cancel(id)).isEqualTo(3);

    WorkflowInfo info = app.workflows().workflow(id).orElseThrow();
    assertThat(info.steps())
        .extracting(WorkflowInfo.Step::state)
        .containsOnly(WorkflowStepState.CANCELLED);
    assertThat(app.admin().job(QUEUE, "wf:" + id + ":queued")).isEmpty();
    app.admin().resume(QUEUE);
    app.recorder().gate.countDown();
    assertThat(app.recorder().runsOf("later")).isEmpty();
  }

  @Test
  void shouldReleaseAThousandDependentsAndGatherThemInBoundedSteps() {
    // Each run is counted once, on the suite's 1 s lease: jobs a round trip leased while the next
    // batch's steps settle in line are renewed before they start (SlowAcknowledgementTest).
    QueueApp app = start(Map.of("JOBS_QUEUE_CONTRACT_CONCURRENCY", "50"));
    Workflow flow = Workflow.create();
    Workflow.Step root = flow.step("root", WORK, Work.plain("root"));
    List<Workflow.Step> middle = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      middle.add(flow.step("m" + i, WORK, Work.plain("m" + i)).after(root));
    }
    flow.step("sink", GATHER, Work.plain("sink")).after(middle);

    String id = app.workflows().add(flow);

    app.awaitWorkflow(id);
    assertThat(app.recorder().runs).hasSize(1202);
    assertThat(app.recorder().gathered.get("sink")).hasSize(1200).startsWith("done-m0", "done-m1");
  }
}
