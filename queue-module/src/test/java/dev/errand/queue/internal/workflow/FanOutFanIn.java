package dev.errand.queue.internal.workflow;

import dev.errand.queue.DependencyFailure;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.StoredStep;
import dev.errand.queue.spi.WorkflowJobIds;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored steps of a fan-out/fan-in workflow, as a store is given them: {@code root}, then
 * {@code m0} to {@code m<n-1>} each after it, then {@code sink} after all of those (FAIL policy
 * throughout), every step's job named {@code name} on {@code queue} with {@code payload}. For store
 * tests and the settle benchmark, which need the same shape at different sizes.
 */
public final class FanOutFanIn {

  private FanOutFanIn() {}

  public static List<StoredStep> steps(
      String workflow, int n, String queue, String name, String payload) {
    List<StoredStep> steps = new ArrayList<>();
    steps.add(step(workflow, "root", List.of(), queue, name, payload));
    List<StoredStep.Dependency> onRoot = List.of(after("root"));
    List<StoredStep.Dependency> middle = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      steps.add(step(workflow, "m" + i, onRoot, queue, name, payload));
      middle.add(after("m" + i));
    }
    steps.add(step(workflow, "sink", middle, queue, name, payload));
    return steps;
  }

  /** One step of workflow {@code workflow}, its job id the one a workflow step's job has. */
  public static StoredStep step(
      String workflow,
      String id,
      List<StoredStep.Dependency> dependsOn,
      String queue,
      String name,
      String payload) {
    JobDraft job =
        new JobDraft(name, payload, null, WorkflowJobIds.of(workflow, id), 0, null, null);
    return new StoredStep(id, queue, job, dependsOn, false);
  }

  private static StoredStep.Dependency after(String step) {
    return new StoredStep.Dependency(step, DependencyFailure.FAIL);
  }
}
