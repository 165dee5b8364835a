package dev.errand.queue;

/** Where a step of a workflow is; the job's own state in its queue says more once it is added. */
public enum WorkflowStepState {
  /** Some step it depends on has not finished: it is in no queue yet. */
  WAITING_ON_DEPENDENCIES,
  /** Its dependencies finished; it is being added to its queue. */
  READY,
  /** Its job is in its queue: waiting, running, or waiting for a retry. */
  ENQUEUED,
  /** Its job completed; its result is kept for the steps after it. */
  COMPLETED,
  /** Its job failed for good (dead or unrecoverable). Retrying the job revives the workflow. */
  FAILED,
  /** A dependency failed under {@link DependencyFailure#FAIL}, so it never ran. */
  DEPENDENCY_FAILED,
  /** The workflow was cancelled before it finished. */
  CANCELLED,
  /**
   * It runs only on a failure ({@link DependencyFailure#ONLY_ON_FAILURE}), and every step it
   * watched completed; the steps after it go on as if it had completed.
   */
  SKIPPED;

  /** Whether nothing more happens to the step unless someone retries a job. */
  public boolean isFinished() {
    return this == COMPLETED
        || this == FAILED
        || this == DEPENDENCY_FAILED
        || this == CANCELLED
        || this == SKIPPED;
  }
}
