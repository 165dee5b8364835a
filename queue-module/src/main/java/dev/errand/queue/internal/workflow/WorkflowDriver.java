package dev.errand.queue.internal.workflow;

import dev.errand.queue.spi.QueueBackend;
import dev.errand.queue.spi.Settled;
import dev.errand.queue.spi.StepOutcome;
import dev.errand.queue.spi.StoredStep;
import dev.errand.queue.spi.WorkflowStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves a workflow on: records a step's outcome, passes it on in bounded batches and adds the steps
 * it releases to their queues, then marks them enqueued. Each part is safe to repeat, so a crash
 * anywhere is mended by running the step's job again, which settles again.
 */
public final class WorkflowDriver {

  /** Dependents passed on per store call: a fan-in of 10,000 is twenty short calls, not one. */
  static final int EDGES_PER_CALL = 500;

  private final QueueBackend queues;
  private final WorkflowStore store;

  public WorkflowDriver(QueueBackend queues, WorkflowStore store) {
    this.queues = queues;
    this.store = store;
  }

  /** Records the {@code outcomes} of steps of one workflow and carries them through. */
  public void settle(String workflowId, Map<String, StepOutcome> outcomes) {
    Settled settled = store.settle(workflowId, outcomes, EDGES_PER_CALL);
    release(workflowId, settled.released());
    while (settled.more()) {
      settled = store.settle(workflowId, Map.of(), EDGES_PER_CALL);
      release(workflowId, settled.released());
    }
  }

  /**
   * Adds every {@code READY} step of the workflow to its queue, then ends the note of {@link
   * WorkflowStore#releasing}. Safe to repeat: a step's job id is fixed, and a step whose job
   * finished is no longer ready.
   */
  public void releaseReady(String workflowId) {
    release(workflowId, store.ready(workflowId));
    store.released(workflowId);
  }

  /** Adds {@code steps} to their queues, then marks them enqueued. */
  public void release(String workflowId, Collection<StoredStep> steps) {
    if (steps.isEmpty()) {
      return;
    }
    Map<String, List<StoredStep>> byQueue = new LinkedHashMap<>();
    for (StoredStep step : steps) {
      byQueue.computeIfAbsent(step.queue(), q -> new ArrayList<>()).add(step);
    }
    byQueue.forEach((queue, of) -> queues.add(queue, of.stream().map(StoredStep::job).toList()));
    store.enqueued(workflowId, steps.stream().map(StoredStep::id).toList());
  }
}
