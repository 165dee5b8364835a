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
  PASS
}
