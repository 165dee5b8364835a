package dev.errand.queue.internal.workflow;

import dev.errand.queue.JobEvent;
import dev.errand.queue.JobFailure;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.queue.spi.StepOutcome;
import dev.errand.queue.spi.WorkflowJobIds;
import dev.errand.queue.spi.WorkflowStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records how workflow steps' jobs ended: before their acknowledgement, so a crash in between
 * leaves the job unacknowledged and its next run settles again; and, for a job a fetch found dead
 * of stalls (the queue decided that on its own), as soon as the fetch reports it.
 */
final class StepSettler {

  private static final Logger log = LoggerFactory.getLogger(StepSettler.class);

  /** How long a step whose bookkeeping failed waits before it runs again to settle. */
  private static final Duration SETTLE_RETRY = Duration.ofSeconds(1);

  private final Clock clock;
  private final SettleCombiner combiner;

  StepSettler(QueueBackend queues, WorkflowStore store, Clock clock) {
    this.clock = clock;
    WorkflowDriver driver = new WorkflowDriver(queues, store);
    this.combiner = new SettleCombiner(driver::settle);
  }

  /** Whether {@code events} report a workflow step's job dead. */
  static boolean hasStepDeaths(List<JobEvent> events) {
    for (JobEvent event : events) {
      if (event.type() == JobEvent.Type.DEAD && WorkflowJobIds.isStep(event.id())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Records as failed the steps whose jobs {@code events} report dead of stalls. Their jobs are
   * dead already, so one that cannot be recorded stays so until it is retried.
   */
  void afterDeaths(String queue, List<JobEvent> events) {
    if (!hasStepDeaths(events)) {
      return;
    }
    Map<String, Map<String, StepOutcome>> byWorkflow = new LinkedHashMap<>();
    for (JobEvent event : events) {
      if (event.type() == JobEvent.Type.DEAD && WorkflowJobIds.isStep(event.id())) {
        byWorkflow
            .computeIfAbsent(WorkflowJobIds.workflow(event.id()), w -> new LinkedHashMap<>())
            .put(
                WorkflowJobIds.step(event.id()),
                new StepOutcome.Failed(
                    event.failure() == null ? "dead" : StepOutcome.reason(event.failure())));
      }
    }
    settleAll(
        queue,
        byWorkflow,
        "their jobs stay dead, and what waits for them waits until they are retried");
  }

  /**
   * Records as failed the steps whose jobs were removed by hand ({@code how}: removed or drained):
   * they will never run, so what waits for them is decided now (failed, or released under ignore
   * and pass). A step already finished or cancelled keeps its state. A retry of the workflow then
   * adds the job again.
   */
  void removed(String queue, List<String> jobIds, String how) {
    Map<String, Map<String, StepOutcome>> byWorkflow = new LinkedHashMap<>();
    StepOutcome failed = new StepOutcome.Failed("its job was " + how);
    for (String jobId : jobIds) {
      if (WorkflowJobIds.isStep(jobId)) {
        byWorkflow
            .computeIfAbsent(WorkflowJobIds.workflow(jobId), w -> new LinkedHashMap<>())
            .put(WorkflowJobIds.step(jobId), failed);
      }
    }
    settleAll(
        queue, byWorkflow, "what waits for them waits until the workflow is retried or cancelled");
  }

  /**
   * Records the workflow outcomes among {@code acks}, one store call per workflow (a fan-in's
   * finished steps settle together, and with those of other batches arriving meanwhile: {@link
   * SettleCombiner}), the workflows side by side; an outcome that could not be recorded is turned
   * into a retry, so the job runs again and settles then.
   */
  List<Ack> beforeAck(String queue, List<Ack> acks) {
    if (!StepOutcome.anyEndsStep(acks)) {
      return acks;
    }
    Map<String, Map<String, StepOutcome>> byWorkflow = StepOutcome.byWorkflow(acks, Set.of());
    Set<String> unsettled =
        settleAll(
            queue, byWorkflow, "they run again in " + SETTLE_RETRY.toMillis() + " ms to settle");
    if (unsettled.isEmpty()) {
      return acks;
    }
    List<Ack> sent = new ArrayList<>(acks.size());
    for (Ack ack : acks) {
      boolean failed =
          StepOutcome.endsStep(ack) && unsettled.contains(WorkflowJobIds.workflow(ack.id()));
      sent.add(failed ? settleLater(ack) : ack);
    }
    return sent;
  }

  /**
   * Settles each workflow, side by side when there are several; returns those that failed, each
   * logged with {@code then}, what becomes of their steps.
   */
  private Set<String> settleAll(
      String queue, Map<String, Map<String, StepOutcome>> byWorkflow, String then) {
    Set<String> unsettled = ConcurrentHashMap.newKeySet();
    if (byWorkflow.size() == 1) {
      byWorkflow.forEach((w, outcomes) -> settleOne(queue, w, outcomes, unsettled, then));
      return unsettled;
    }
    List<Thread> threads = new ArrayList<>();
    byWorkflow.forEach(
        (w, outcomes) ->
            threads.add(
                Thread.ofVirtual().start(() -> settleOne(queue, w, outcomes, unsettled, then))));
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        unsettled.addAll(byWorkflow.keySet());
      }
    }
    return unsettled;
  }

  private void settleOne(
      String queue,
      String workflowId,
      Map<String, StepOutcome> outcomes,
      Set<String> unsettled,
      String then) {
    try {
      combiner.settle(workflowId, outcomes);
    } catch (RuntimeException e) {
      unsettled.add(workflowId);
      log.warn(
          "Workflow {} could not record how its steps {} (queue '{}') ended ({}); {}",
          workflowId,
          outcomes.keySet(),
          queue,
          e.toString(),
          then);
    }
  }

  private Ack settleLater(Ack ack) {
    return new Ack.Retry(
        ack.id(),
        clock.instant().plus(SETTLE_RETRY),
        new JobFailure("WorkflowUnreachable", "its workflow could not record how it finished", ""));
  }
}
