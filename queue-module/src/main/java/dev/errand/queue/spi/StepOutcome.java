package dev.errand.queue.spi;

/** How a step's job ended, for {@link WorkflowStore#settle}. */
public sealed interface StepOutcome {

  /** The job completed with {@code result} (JSON, or null). */
  record Completed(String result) implements StepOutcome {}

  /** The job failed for good, for {@code reason}. */
  record Failed(String reason) implements StepOutcome {}
}
