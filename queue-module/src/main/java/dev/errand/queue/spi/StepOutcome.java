package dev.errand.queue.spi;

import dev.errand.queue.JobFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

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

  /**
   * Whether {@code ack} ends the run of a workflow step's job ({@link WorkflowJobIds}): an outcome
   * its workflow records. A retry or a snooze runs the job again.
   */
  static boolean endsStep(Ack ack) {
    return WorkflowJobIds.isStep(ack.id())
        && (ack instanceof Ack.Complete || ack instanceof Ack.Fail);
  }

  /** Whether any of {@code acks} {@link #endsStep ends a step's run}. */
  static boolean anyEndsStep(List<Ack> acks) {
    for (Ack ack : acks) {
      if (endsStep(ack)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The outcomes {@code acks} record for their steps ({@link #endsStep}), leaving out the ids in
   * {@code leftOut}: by workflow id in order (the order a backend that locks workflows takes them
   * in), then by step.
   */
  static SortedMap<String, Map<String, StepOutcome>> byWorkflow(
      List<Ack> acks, Set<String> leftOut) {
    SortedMap<String, Map<String, StepOutcome>> byWorkflow = new TreeMap<>();
    for (Ack ack : acks) {
      if (endsStep(ack) && !leftOut.contains(ack.id())) {
        byWorkflow
            .computeIfAbsent(WorkflowJobIds.workflow(ack.id()), w -> new LinkedHashMap<>())
            .put(WorkflowJobIds.step(ack.id()), of(ack));
      }
    }
    return byWorkflow;
  }

  /** What a step's reason says of {@code failure}: its exception class and message. */
  static String reason(JobFailure failure) {
    return failure.exceptionClass() + ": " + failure.message();
  }
}
