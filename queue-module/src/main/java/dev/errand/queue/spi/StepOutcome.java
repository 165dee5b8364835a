package dev.errand.queue.spi;

import dev.errand.queue.JobFailure;

/** How a step's job ended, for {@link WorkflowStore#settle}. */
public sealed interface StepOutcome {

  /** The job completed with {@code result} (JSON, or null). */
  record Completed(String result) implements StepOutcome {}

  /** The job failed for good, for {@code reason}. */
  record Failed(String reason) implements StepOutcome {}

  /**
   * The outcome {@code ack} records for its step, or null when it records none: a retry or a snooze
   * runs the step's job again.
   */
  static StepOutcome of(Ack ack) {
    return switch (ack) {
      case Ack.Complete done -> new Completed(done.result());
      case Ack.Fail failed -> new Failed(reason(failed.failure()));
      case Ack.Retry retry -> null;
      case Ack.Snooze snooze -> null;
    };
  }

  /** What a step's reason says of {@code failure}: its exception class and message. */
  static String reason(JobFailure failure) {
    return failure.exceptionClass() + ": " + failure.message();
  }
}
