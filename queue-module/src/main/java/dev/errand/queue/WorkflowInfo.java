package dev.errand.queue;

import java.util.List;

/**
 * A stored workflow as {@link WorkflowService#workflow} shows it: every step with its state.
 *
 * @param id the workflow's id
 * @param steps its steps, in the order they were added to the {@link Workflow}
 */
public record WorkflowInfo(String id, List<Step> steps) {

  public WorkflowInfo {
    steps = List.copyOf(steps);
  }

  /** Whether every step has finished. */
  public boolean isFinished() {
    return steps.stream().allMatch(s -> s.state().isFinished());
  }

  /** The step named {@code id}. */
  public Step step(String id) {
    return steps.stream()
        .filter(s -> s.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException("Workflow " + this.id + " has no step '" + id + "'"));
  }

  /**
   * One step of a workflow.
   *
   * @param id the step's id within the workflow
   * @param queue the queue its job goes to
   * @param name the job's name
   * @param jobId the id its job has in the queue
   * @param dependsOn the ids of the steps it waits for
   * @param state where it is
   * @param failure why it failed, or null
   */
  public record Step(
      String id,
      String queue,
      String name,
      String jobId,
      List<String> dependsOn,
      WorkflowStepState state,
      String failure) {

    public Step {
      dependsOn = List.copyOf(dependsOn);
    }
  }
}
