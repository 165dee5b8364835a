package dev.errand.tck.queue;

import static dev.errand.tck.queue.ContractProcessor.GATHER;
import static dev.errand.tck.queue.ContractProcessor.WORK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.queue.DependencyFailure;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobState;
import dev.errand.queue.Workflow;
import dev.errand.queue.WorkflowInfo;
import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.LeasedJob;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Workflows on every backend, when a step fails: a step that dies (of its attempts or of stalls)
 * fails what waits for it under the default policy, with a reason naming it, and runs what ignores
 * or takes the failure; retrying the dead step, or its dead job from the queue, revives what failed
 * because of it. The rest of workflows' semantics is in {@link WorkflowContract}.
 */
public abstract class WorkflowFailureContract extends QueueContract {

  /** Step "flaky", recorded under {@code key}: it dies on its one attempt until healed. */
  private static Workflow.Step flakyStep(Workflow flow, String key) {
    return flow.step(
        "flaky", WORK, Work.failingUnlessHealed(key), JobOptions.builder().attempts(1).build());
  }

  /**
   * Waits until workflow {@code id}'s flaky step's job is dead, then lets it succeed. The workflow
   * records the failure before the queue's acknowledgement lands (a crash in between reruns the
   * job), so where acknowledgements are batched it may show it a moment before the dead list does:
   * a user retries once the job is dead.
   */
  private static void awaitDeadThenHeal(QueueApp app, String id) {
    app.awaitState("wf:" + id + ":flaky", JobState.DEAD);
    app.recorder().healed.set(true);
  }

  private static WorkflowStepState stateOf(QueueApp app, String id, String step) {
    return app.workflows().workflow(id).orElseThrow().step(step).state();
  }

  @Test
  void shouldFailDependentsOfAStepDeadOfStalls() {
    QueueApp app =
        start(
            Map.of(
                "JOBS_MAX_STALLED", "0",
                "JOBS_QUEUE_CONTRACT_CONCURRENCY", "1",
                "JOBS_PREFETCH", "0"));
    app.add(Work.gated("busy"));
    await().atMost(Duration.ofSeconds(10)).until(() -> app.recorder().runs.size() == 1);
    Workflow flow = Workflow.create();
    flow.step("lost", WORK, Work.plain("lost")).then("after", WORK, Work.plain("after"));
    String id = app.workflows().add(flow);
    // Another process leases the step, then dies: its lease runs out and the step is dead.
    Fetched taken =
        app.storedBackend().fetch(QUEUE, new Lease("gone", Duration.ofMillis(100), 0), 1);
    assertThat(taken.jobs()).extracting(LeasedJob::id).containsExactly("wf:" + id + ":lost");

    app.recorder().gate.countDown();

    WorkflowInfo info = app.awaitWorkflow(id);
    assertThat(info.step("lost").state()).isEqualTo(WorkflowStepState.FAILED);
    assertThat(info.step("after").state()).isEqualTo(WorkflowStepState.DEPENDENCY_FAILED);
    assertThat(info.step("after").failure()).startsWith("dependency 'lost' failed: ");
    assertThat(app.recorder().runsOf("after")).isEmpty();
  }

  @Test
  void shouldFailDependentsNamingTheDeadDependencyWithoutRunningThem() {
    QueueApp app = start();
    Workflow flow = Workflow.create();
    flow.step("charge", WORK, Work.unrecoverable("charge"))
        .then("ship", WORK, Work.plain("ship"))
        .then("notify", WORK, Work.plain("notify"));

    String id = app.workflows().add(flow);

    WorkflowInfo info = app.awaitWorkflow(id);
    assertThat(info.step("charge").state()).isEqualTo(WorkflowStepState.FAILED);
    assertThat(info.step("charge").failure()).contains("cannot ever work: charge");
    for (String step : List.of("ship", "notify")) {
      assertThat(info.step(step).state()).isEqualTo(WorkflowStepState.DEPENDENCY_FAILED);
      assertThat(info.step(step).failure())
          .startsWith("dependency 'charge' failed: ")
          .contains("cannot ever work: charge");
      assertThat(app.recorder().runsOf(step)).isEmpty();
    }
  }

  @Test
  void shouldRunDependentsThatIgnoreOrTakeTheFailure() {
    QueueApp app = start();
    Workflow flow = Workflow.create();
    Workflow.Step broken = flow.step("broken", WORK, Work.unrecoverable("broken"));
    Workflow.Step fine = flow.step("fine", WORK, Work.plain("fine"));
    flow.step("ignores", GATHER, Work.plain("ignores"))
        .after(broken, DependencyFailure.IGNORE)
        .after(fine);
    flow.step("handles", GATHER, Work.plain("handles")).after(broken, DependencyFailure.PASS);

    String id = app.workflows().add(flow);

    WorkflowInfo info = app.awaitWorkflow(id);
    assertThat(info.step("ignores").state()).isEqualTo(WorkflowStepState.COMPLETED);
    assertThat(info.step("handles").state()).isEqualTo(WorkflowStepState.COMPLETED);
    assertThat(app.recorder().gathered.get("ignores")).containsExactly("done-fine");
    assertThat(app.recorder().passedFailures.get("ignores")).isEmpty();
    assertThat(app.recorder().passedFailures.get("handles"))
        .containsOnlyKeys("broken")
        .hasEntrySatisfying("broken", why -> assertThat(why).contains("cannot ever work"));
  }

  /**
   * A step id may hold any character but control characters, so a store that keeps notes on a step
   * beside the steps themselves must not name them like a step: a failed step's note once took the
   * place of the dependents of the step named '#' and its id, and those never ran.
   */
  @Test
  void shouldKeepStepsApartWhateverTheirIdsLookLike() {
    QueueApp app = start();
    Workflow flow = Workflow.create();
    Workflow.Step broken = flow.step("broken", WORK, Work.unrecoverable("broken"));
    flow.step("#broken", WORK, Work.plain("#broken"))
        .after(broken, DependencyFailure.IGNORE)
        .then("next", GATHER, Work.plain("next"));

    String id = app.workflows().add(flow);

    WorkflowInfo info = app.awaitWorkflow(id);
    assertThat(info.step("broken").state()).isEqualTo(WorkflowStepState.FAILED);
    assertThat(info.step("#broken").state()).isEqualTo(WorkflowStepState.COMPLETED);
    assertThat(info.step("next").state()).isEqualTo(WorkflowStepState.COMPLETED);
    assertThat(app.recorder().gathered.get("next")).containsExactly("done-#broken");
  }

  @Test
  void shouldReviveTheWorkflowWhenItsDeadStepIsRetried() {
    QueueApp app = start();
    Workflow flow = Workflow.create();
    flakyStep(flow, "flaky")
        .then("after", WORK, Work.plain("after"))
        .then("last", GATHER, Work.plain("last"));
    String id = app.workflows().add(flow);
    WorkflowInfo failed = app.awaitWorkflow(id);
    assertThat(failed.step("last").state()).isEqualTo(WorkflowStepState.DEPENDENCY_FAILED);

    awaitDeadThenHeal(app, id);
    assertThat(app.workflows().retry(id)).isEqualTo(1);

    WorkflowContract.awaitAllCompleted(app, id);
    assertThat(app.recorder().runsOf("after")).hasSize(1);
    assertThat(app.recorder().gathered.get("last")).containsExactly("done-after");
  }

  /**
   * A failure let through counts its edge off the dependent once: when the failed step is retried
   * and completes, the dependent still waits for the rest of its dependencies. Counting it again
   * would run the dependent before a dependency it waits for has finished.
   */
  @ParameterizedTest
  @EnumSource(
      value = DependencyFailure.class,
      names = {"IGNORE", "PASS"})
  void shouldCountAFailureLetThroughOnceWhenTheFailedStepIsRetried(DependencyFailure policy) {
    QueueApp app = start();
    Workflow flow = Workflow.create();
    Workflow.Step flaky = flakyStep(flow, "flaky-ignored");
    Workflow.Step slow = flow.step("slow", WORK, Work.gated("slow"));
    flow.step("both", GATHER, Work.plain("both")).after(flaky, policy).after(slow);
    String id = app.workflows().add(flow);
    awaitDeadThenHeal(app, id);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> stateOf(app, id, "flaky") == WorkflowStepState.FAILED);

    assertThat(app.workflows().retry(id)).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> stateOf(app, id, "flaky") == WorkflowStepState.COMPLETED);

    // The completion and whatever it releases are recorded together, so "both" would show it now.
    assertThat(stateOf(app, id, "both")).isEqualTo(WorkflowStepState.WAITING_ON_DEPENDENCIES);
    assertThat(app.recorder().runsOf("both")).isEmpty();
    app.recorder().gate.countDown();
    WorkflowContract.awaitAllCompleted(app, id);
    assertThat(app.recorder().runsOf("both")).hasSize(1);
    assertThat(app.recorder().gathered.get("both"))
        .containsExactlyInAnyOrder("done-flaky-ignored", "done-slow");
  }

  @Test
  void shouldReviveTheWorkflowWhenTheDeadJobIsRetriedFromTheQueue() {
    QueueApp app = start();
    Workflow flow = Workflow.create();
    flakyStep(flow, "flaky-job").then("after", WORK, Work.plain("after-job"));
    String id = app.workflows().add(flow);
    assertThat(app.awaitWorkflow(id).step("after").state())
        .isEqualTo(WorkflowStepState.DEPENDENCY_FAILED);

    awaitDeadThenHeal(app, id);
    assertThat(app.admin().retry(QUEUE, "wf:" + id + ":flaky")).isTrue();

    WorkflowContract.awaitAllCompleted(app, id);
    assertThat(app.recorder().runsOf("after-job")).hasSize(1);
  }
}
