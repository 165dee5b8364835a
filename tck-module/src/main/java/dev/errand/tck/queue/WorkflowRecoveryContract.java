package dev.errand.tck.queue;

import static dev.errand.tck.queue.ContractProcessor.WORK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.queue.DependencyFailure;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.JobType;
import dev.errand.queue.Workflow;
import dev.errand.queue.WorkflowInfo;
import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.LeasedJob;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.queue.spi.Settled;
import dev.errand.queue.spi.StepOutcome;
import dev.errand.queue.spi.StoredStep;
import dev.errand.queue.spi.WorkflowStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Workflows on every backend when a step's story is not simple: a dependency that failed, was
 * retried and completed counts once; a step whose job an operator removed or drained fails, so that
 * nothing waits for it for ever; a finished workflow is deleted once its retention is over, an
 * unfinished one is kept; a step whose job died of stalls unrecorded (a crash at that moment) fails
 * in the end.
 */
public abstract class WorkflowRecoveryContract extends QueueContract {

  private static StoredStep step(String workflow, String id, StoredStep.Dependency... deps) {
    JobDraft job =
        new JobDraft(
            "work", "{\"key\":\"" + id + "\"}", null, "wf:" + workflow + ":" + id, 0, null);
    return new StoredStep(id, QUEUE, job, List.of(deps), false);
  }

  @Test
  void shouldCountADependencyOnceWhenItFailsThenCompletesAfterARetry() {
    QueueApp app = start();
    WorkflowStore store = app.storedBackend().workflowStore();
    store.create(
        "counted",
        List.of(
            step("counted", "lenient"),
            step("counted", "strict"),
            step(
                "counted",
                "join",
                new StoredStep.Dependency("lenient", DependencyFailure.IGNORE),
                new StoredStep.Dependency("strict", DependencyFailure.FAIL))));

    store.settle("counted", Map.of("lenient", new StepOutcome.Failed("boom")), 500);
    // The failed step is retried and completes: 'join' still waits for 'strict'.
    Settled retried =
        store.settle("counted", Map.of("lenient", new StepOutcome.Completed(null)), 500);

    assertThat(retried.released()).extracting(StoredStep::id).doesNotContain("join");
    assertThat(store.step("counted", "lenient").orElseThrow().failure())
        .as("the failure of a step retried to completion is gone")
        .isNull();
    assertThat(store.step("counted", "join").orElseThrow().state())
        .isEqualTo(WorkflowStepState.WAITING_ON_DEPENDENCIES);
    Settled last = store.settle("counted", Map.of("strict", new StepOutcome.Completed(null)), 500);
    assertThat(last.released()).extracting(StoredStep::id).containsExactly("join");
  }

  @Test
  void shouldReleaseEveryDependentOnceWhenManyOutcomesPassOnThroughASmallBudget() {
    QueueApp app = start();
    WorkflowStore store = app.storedBackend().workflowStore();
    List<StoredStep> steps = new ArrayList<>();
    List<String> dependents = new ArrayList<>();
    for (String from : List.of("a", "b", "c")) {
      steps.add(step("budget", from));
      for (int i = 1; i <= 3; i++) {
        String to = from + "-then-" + i;
        dependents.add(to);
        steps.add(step("budget", to, new StoredStep.Dependency(from, DependencyFailure.FAIL)));
      }
    }
    store.create("budget", steps);

    // Three outcomes with three dependents each, four edges a call: each call stops part way
    // through some step's dependents, and the next goes on from there.
    List<String> released = new ArrayList<>();
    Settled settled =
        store.settle(
            "budget",
            new LinkedHashMap<>(
                Map.of(
                    "a", new StepOutcome.Completed(null),
                    "b", new StepOutcome.Completed(null),
                    "c", new StepOutcome.Completed(null))),
            4);
    settled.released().forEach(s -> released.add(s.id()));
    int calls = 1;
    while (settled.more()) {
      settled = store.settle("budget", Map.of(), 4);
      settled.released().forEach(s -> released.add(s.id()));
      calls++;
    }

    assertThat(released).containsExactlyInAnyOrderElementsOf(dependents);
    assertThat(calls).isGreaterThan(1);
    for (String to : dependents) {
      assertThat(store.step("budget", to).orElseThrow().state()).isEqualTo(WorkflowStepState.READY);
    }
  }

  /**
   * Adds, to the paused contract queue, a workflow whose step {@code lost} is followed by 'after'
   * and, ignoring its failure, by 'lenient'; returns its id.
   */
  private static String addPausedWithDependents(QueueApp app, String lost) {
    app.admin().pause(QUEUE);
    Workflow flow = Workflow.create();
    Workflow.Step step = flow.step(lost, WORK, Work.plain(lost));
    step.then("after", WORK, Work.plain("after"));
    flow.step("lenient", WORK, Work.plain("lenient")).after(step, DependencyFailure.IGNORE);
    return app.workflows().add(flow);
  }

  /** Step {@code lost} failed for {@code reason}: 'after' failed with it, 'lenient' ran. */
  private static void assertFailedWithDependents(WorkflowInfo info, String lost, String reason) {
    assertThat(info.step(lost).state()).isEqualTo(WorkflowStepState.FAILED);
    assertThat(info.step(lost).failure()).contains(reason);
    assertThat(info.step("after").state()).isEqualTo(WorkflowStepState.DEPENDENCY_FAILED);
    assertThat(info.step("lenient").state()).isEqualTo(WorkflowStepState.COMPLETED);
  }

  @Test
  void shouldFailAStepWhoseJobWasRemovedByHandAndItsDependents() {
    QueueApp app = start();
    String id = addPausedWithDependents(app, "removed");

    assertThat(app.admin().remove(QUEUE, "wf:" + id + ":removed")).isTrue();
    app.admin().resume(QUEUE);

    assertFailedWithDependents(app.awaitWorkflow(id), "removed", "removed (QueueAdmin.remove)");
    assertThat(app.recorder().runsOf("removed")).isEmpty();
    assertThat(app.recorder().runsOf("after")).isEmpty();
  }

  @Test
  void shouldFailStepsWhoseJobsWereDrainedAndTheirDependents() {
    assertDrainFailsWaitingSteps(start());
  }

  @Test
  void shouldFailStepsWhoseJobsWereDrainedFromAShardedQueue() {
    assertDrainFailsWaitingSteps(start(Map.of("JOBS_QUEUE_CONTRACT_SHARDS", "3")));
  }

  /**
   * Drains two workflows' waiting steps and a plain job: each drained step fails as a removed one
   * does, its dependents are decided by their failure policy (the one it releases is not drained
   * with it), and no workflow waits for ever.
   */
  private static void assertDrainFailsWaitingSteps(QueueApp app) {
    String id = addPausedWithDependents(app, "drained");
    Workflow other = Workflow.create();
    other.step("alone", WORK, Work.plain("alone"));
    String otherId = app.workflows().add(other);
    app.add(Work.plain("plain"));

    assertThat(app.admin().drain(QUEUE)).isEqualTo(3);
    app.admin().resume(QUEUE);

    assertFailedWithDependents(app.awaitWorkflow(id), "drained", "drained (QueueAdmin.drain)");
    assertThat(app.awaitWorkflow(otherId).step("alone").state())
        .isEqualTo(WorkflowStepState.FAILED);
    assertThat(app.recorder().runs).extracting(Recorder.Run::key).containsExactly("lenient");
  }

  @Test
  void shouldDeleteFinishedWorkflowsPastTheirRetentionAndKeepUnfinishedOnes() {
    QueueApp app = start(Map.of("JOBS_WORKFLOW_RETENTION", "1s"));
    Workflow done = Workflow.withId("kept-briefly");
    done.step("only", WORK, Work.plain("kept-briefly"));
    Workflow held = Workflow.withId("still-running");
    held.step("held", WORK, Work.gated("still-running"));
    app.workflows().add(done);
    app.workflows().add(held);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> app.workflows().workflow("kept-briefly").isEmpty());

    assertThat(app.recorder().runsOf("kept-briefly")).hasSize(1);
    assertThat(app.workflows().workflow("still-running")).isPresent();
    assertThat(app.workflows().workflowIds(0, 10)).containsExactly("still-running");
    app.recorder().gate.countDown();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> app.workflows().workflow("still-running").isEmpty());
    assertThat(app.recorder().runsOf("still-running")).hasSize(1);
  }

  @Test
  void shouldFailDependentsOfAStepThatDiedOfStallsWhileNobodyRecordedIt() {
    QueueApp app = start(Map.of("JOBS_MAX_STALLED", "0"));
    JobType<Work> unworked = JobType.of("unworked", "lost", Work.class);
    Workflow flow = Workflow.create();
    flow.step("lost", unworked, Work.plain("lost")).then("after", WORK, Work.plain("after"));
    String id = app.workflows().add(flow);
    String jobId = "wf:" + id + ":lost";
    QueueBackend raw = app.storedBackend();
    // One process leases the step and dies; the fetch of another finds it dead of stalls, and that
    // process dies too before its workflow hears of it: no worker of the app saw either.
    Fetched taken = raw.fetch("unworked", new Lease("gone", Duration.ofMillis(50), 0), 1);
    assertThat(taken.jobs()).extracting(LeasedJob::id).containsExactly(jobId);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              raw.fetch("unworked", new Lease("also-gone", Duration.ofSeconds(30), 0), 1);
              return app.admin().job("unworked", jobId).map(JobInfo::state).orElse(null)
                  == JobState.DEAD;
            });

    WorkflowInfo info = app.awaitWorkflow(id);

    assertThat(info.step("lost").state()).isEqualTo(WorkflowStepState.FAILED);
    assertThat(info.step("after").state()).isEqualTo(WorkflowStepState.DEPENDENCY_FAILED);
    assertThat(app.recorder().runsOf("after")).isEmpty();
  }
}
