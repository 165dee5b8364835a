package dev.errand.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What building a workflow refuses, before anything is stored, and what it keeps. */
class WorkflowBuildTest {

  private static final JobType<String> STEP = JobType.of("build", "step", String.class);

  @Test
  void shouldRefuseAStepThatRunsOnFailureAndAfterSuccessFromEitherSide() {
    Workflow flow = Workflow.withId("mixed");
    Workflow.Step a = flow.step("a", STEP, "a");
    Workflow.Step b = flow.step("b", STEP, "b");
    Workflow.Step onFailure = flow.step("on-failure", STEP, "c");
    onFailure.after(a, DependencyFailure.ONLY_ON_FAILURE);
    Workflow.Step afterAll = flow.step("after-all", STEP, "d");
    afterAll.after(a);

    assertThatThrownBy(() -> onFailure.after(b))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Step 'on-failure' of workflow mixed mixes ONLY_ON_FAILURE");
    assertThatThrownBy(() -> afterAll.after(b, DependencyFailure.ONLY_ON_FAILURE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Step 'after-all' of workflow mixed mixes ONLY_ON_FAILURE");
    // The same policy again, or another that lets failures through, is no mix.
    onFailure.after(b, DependencyFailure.ONLY_ON_FAILURE);
    afterAll.after(b, DependencyFailure.IGNORE);
    assertThat(onFailure.dependsOn())
        .containsEntry("a", DependencyFailure.ONLY_ON_FAILURE)
        .containsEntry("b", DependencyFailure.ONLY_ON_FAILURE);
    assertThat(afterAll.dependencyIds()).containsExactly("a", "b");
  }

  @Test
  void shouldRefuseAStepWaitingForItselfOrForAnotherWorkflowsStep() {
    Workflow flow = Workflow.withId("one");
    Workflow.Step a = flow.step("a", STEP, "a");
    Workflow.Step foreign = Workflow.withId("two").step("x", STEP, "x");

    assertThatThrownBy(() -> a.after(a))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Step 'a' of workflow one cannot depend on itself");
    assertThatThrownBy(() -> a.after(foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Step 'x' belongs to another workflow than step 'a'");
    assertThat(a.dependencyIds()).isEmpty();
  }

  @Test
  void shouldKeepEveryDependencyOfAWideFanInInTheOrderGiven() {
    Workflow flow = Workflow.withId("wide");
    List<Workflow.Step> parts = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      parts.add(flow.step("p" + i, STEP, "p"));
    }
    Workflow.Step sink = flow.step("sink", STEP, "sink").after(parts);

    assertThat(sink.dependencyIds()).hasSize(10_000).startsWith("p0", "p1").endsWith("p9999");
  }
}
