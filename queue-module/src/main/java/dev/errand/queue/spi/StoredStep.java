package dev.errand.queue.spi;

import dev.errand.queue.DependencyFailure;
import java.util.List;

/**
 * One step of a workflow as a {@link WorkflowStore} keeps it.
 *
 * @param id the step's id within its workflow
 * @param queue the queue its job goes to
 * @param job the job, ready for {@link QueueBackend#add}, with its deterministic id
 * @param dependsOn what it waits for, in the order the workflow named them
 * @param batchCallback whether steps added later by {@link WorkflowStore#extend} join its
 *     dependencies, under the policy of its first one
 */
public record StoredStep(
    String id, String queue, JobDraft job, List<Dependency> dependsOn, boolean batchCallback) {

  public StoredStep {
    dependsOn = List.copyOf(dependsOn);
  }

  /** One step waited for, and what the waiting step does if it fails. */
  public record Dependency(String step, DependencyFailure onFailure) {}
}
