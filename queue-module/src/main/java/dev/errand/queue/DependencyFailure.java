package dev.errand.queue;

/** What a workflow step does when one of the steps it depends on fails for good. */
public enum DependencyFailure {
  /**
   * The step fails too, without running, with a reason naming the dead dependency; so do the steps
   * after it that take the same policy. The default.
   */
  FAIL,
  /** The step runs as if the dependency had completed; it sees no result from it. */
  IGNORE,
  /**
   * The step runs and handles the failure itself: {@link Dependencies#failures()} names the
   * dependency and why it failed.
   */
  PASS,
  /**
   * The step runs only if a dependency fails: as soon as the first of its dependencies fails, once.
   * When all of them complete it is {@link WorkflowStepState#SKIPPED}. A step takes this policy for
   * all its dependencies or for none ({@link Workflow.Step#onFailure}).
   */
  ONLY_ON_FAILURE
}
