package dev.errand.queue.internal.workflow;

import dev.errand.queue.spi.QueueBackend;
import dev.errand.queue.spi.Settled;
import dev.errand.queue.spi.SettledOnAcknowledge;
import dev.errand.queue.spi.StepOutcome;
import dev.errand.queue.spi.StoredStep;
import dev.errand.queue.spi.WorkflowStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

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

  /**
   * Records the {@code outcomes} of steps of one workflow and carries them through. While one batch
   * of released steps is being added to its queues the next is settled: they are different steps,
   * and each batch is marked enqueued only once its own adds are stored.
   */
  public void settle(String workflowId, Map<String, StepOutcome> outcomes) {
    int first = SettledOnAcknowledge.firstBudget(outcomes.size());
    carryOn(workflowId, store.settle(workflowId, outcomes, first));
  }

  /**
   * Carries a settle through: adds the steps it released to their queues and, while outcomes remain
   * to pass on, passes them on and adds what those release.
   */
  public void carryOn(String workflowId, Settled settled) {
    List<CompletableFuture<Void>> releases = new ArrayList<>();
    releases.add(releaseAsync(workflowId, settled.released()));
    while (settled.more()) {
      settled = store.settle(workflowId, Map.of(), EDGES_PER_CALL);
      releases.add(releaseAsync(workflowId, settled.released()));
    }
    join(releases);
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

  /**
   * Finishes whatever release of the workflow a process left undone: passes on the outcomes that
   * remain to pass on, then adds every {@code READY} step to its queue. Safe to repeat.
   */
  public void finishRelease(String workflowId) {
    carryOn(workflowId, store.settle(workflowId, Map.of(), EDGES_PER_CALL));
    release(workflowId, store.ready(workflowId));
  }

  /** {@link #releaseReady} for a workflow just stored, whose ready steps are {@code roots}. */
  public void releaseRoots(String workflowId, Collection<StoredStep> roots) {
    release(workflowId, roots);
    store.released(workflowId);
  }

  private CompletableFuture<Void> releaseAsync(String workflowId, List<StoredStep> steps) {
    if (steps.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    List<CompletableFuture<List<String>>> adds = new ArrayList<>();
    byQueue(steps)
        .forEach(
            (queue, of) ->
                adds.add(queues.addAsync(queue, of.stream().map(StoredStep::job).toList())));
    List<String> ids = steps.stream().map(StoredStep::id).toList();
    // Marked on a thread of its own: the adds complete on the Redis client's threads, which a
    // blocking call must never hold.
    return CompletableFuture.allOf(adds.toArray(CompletableFuture[]::new))
        .thenRunAsync(() -> store.enqueued(workflowId, ids), VIRTUAL);
  }

  private static final Executor VIRTUAL = task -> Thread.ofVirtual().start(task);

  private static void join(List<CompletableFuture<Void>> releases) {
    try {
      CompletableFuture.allOf(releases.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private static Map<String, List<StoredStep>> byQueue(Collection<StoredStep> steps) {
    Map<String, List<StoredStep>> byQueue = new LinkedHashMap<>();
    for (StoredStep step : steps) {
      byQueue.computeIfAbsent(step.queue(), q -> new ArrayList<>()).add(step);
    }
    return byQueue;
  }

  /** Adds {@code steps} to their queues, then marks them enqueued. */
  public void release(String workflowId, Collection<StoredStep> steps) {
    if (steps.isEmpty()) {
      return;
    }
    byQueue(steps)
        .forEach((queue, of) -> queues.add(queue, of.stream().map(StoredStep::job).toList()));
    store.enqueued(workflowId, steps.stream().map(StoredStep::id).toList());
  }
}
