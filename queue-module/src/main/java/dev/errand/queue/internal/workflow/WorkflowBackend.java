package dev.errand.queue.internal.workflow;

import dev.errand.queue.internal.ForwardingBackend;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.CheckpointStore;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.queue.spi.WorkflowStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The backend as workers see it once workflows exist: before a workflow step's outcome is
 * acknowledged, the workflow records it ({@link StepSettler}), and a step a fetch finds dead of
 * stalls is recorded as failed. Every other call passes straight through; a batch without a step's
 * job costs one prefix test per outcome.
 */
public final class WorkflowBackend extends ForwardingBackend {

  private final WorkflowStore store;
  private final CheckpointStore checkpoints;
  private final StepSettler settler;

  /**
   * @param queues the backend jobs are stored in, sharding included
   * @param stored the same backend unwrapped, whose workflow and checkpoint stores are used
   */
  public WorkflowBackend(QueueBackend queues, QueueBackend stored, Clock clock) {
    super(queues);
    this.store = optional(stored::workflowStore);
    this.checkpoints = optional(stored::checkpoints);
    this.settler = store == null ? null : new StepSettler(next, store, clock);
  }

  private List<Ack> settle(String queue, List<Ack> acks) {
    return settler == null ? acks : settler.beforeAck(queue, acks);
  }

  /**
   * Records as failed the step whose job {@code jobId} an operator removed, so that its workflow
   * does not wait for it for ever; anything else removed is no business of workflows.
   */
  public void removedByHand(String queue, String jobId) {
    if (settler != null && WorkflowJobIds.isStep(jobId)) {
      settler.removed(queue, List.of(jobId), "removed (QueueAdmin.remove)");
    }
  }

  /**
   * Deletes the queue's waiting jobs ({@code QueueAdmin.drain}) and records as failed each step
   * among them, as {@link #removedByHand} does for one. They are recorded once the drain is over: a
   * step the records release (a dependent that ignores the failure) must not be drained too.
   *
   * @return how many jobs were deleted
   */
  public long drainByHand(String queue) {
    if (settler == null) {
      return next.admin().drain(queue);
    }
    List<String> steps = new ArrayList<>();
    long deleted = next.drain(queue, WorkflowJobIds.PREFIX, steps::addAll);
    if (!steps.isEmpty()) {
      settler.removed(queue, steps, "drained (QueueAdmin.drain)");
    }
    return deleted;
  }

  /** Hands the steps a call found dead of stalls to the settler, off lettuce's own threads. */
  private CompletableFuture<Fetched> afterFetch(String queue, Fetched fetched) {
    if (settler == null || !StepSettler.hasStepDeaths(fetched.events())) {
      return CompletableFuture.completedFuture(fetched);
    }
    CompletableFuture<Fetched> done = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              settler.afterDeaths(queue, fetched.events());
              done.complete(fetched);
            });
    return done;
  }

  /** What {@code part} gives, or null when the backend has no such part. */
  private static <T> T optional(Supplier<T> part) {
    try {
      return part.get();
    } catch (UnsupportedOperationException e) {
      return null;
    }
  }

  @Override
  public Set<String> acknowledge(String queue, String token, List<Ack> acks) {
    return next.acknowledge(queue, token, settle(queue, acks));
  }

  /** Whether {@code acks} hold a workflow step's outcome, which its workflow records first. */
  private boolean recordsOutcomes(List<Ack> acks) {
    return settler != null && StepSettler.hasOutcomes(acks);
  }

  /** A batch with a step's outcome waits for its workflow to record it before it is sent. */
  @Override
  public boolean holdsBackAcknowledgement(List<Ack> acks) {
    return recordsOutcomes(acks) || next.holdsBackAcknowledgement(acks);
  }

  /**
   * Settles the batch's step outcomes, then acknowledges it, on a thread of its own: the worker's
   * acknowledger goes on sending other batches meanwhile, so a step that releases a thousand
   * dependents (several store calls and queue adds) holds up only its own acknowledgement, not the
   * refills of the jobs it released. Each batch is still acknowledged only once settled, so a crash
   * in between runs its steps again, as before; a batch without a step's outcome goes straight on,
   * and may overtake one being settled (they hold different jobs).
   */
  @Override
  public CompletableFuture<Fetched> acknowledgeAndFetch(
      String queue, Lease lease, List<Ack> acks, int max) {
    if (!recordsOutcomes(acks)) {
      return next.acknowledgeAndFetch(queue, lease, acks, max)
          .thenCompose(fetched -> afterFetch(queue, fetched));
    }
    CompletableFuture<List<Ack>> settled = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                settled.complete(settler.beforeAck(queue, acks));
              } catch (RuntimeException | Error e) {
                settled.completeExceptionally(e);
              }
            });
    return settled
        .thenCompose(sent -> next.acknowledgeAndFetch(queue, lease, sent, max))
        .thenCompose(fetched -> afterFetch(queue, fetched));
  }

  @Override
  public WorkflowStore workflowStore() {
    if (store == null) {
      throw new UnsupportedOperationException(
          "The queue backend keeps no workflows (QueueBackend#workflowStore): use the memory or"
              + " redis backend, or give yours a WorkflowStore");
    }
    return store;
  }

  @Override
  public CheckpointStore checkpoints() {
    if (checkpoints == null) {
      throw new UnsupportedOperationException("The queue backend keeps no step checkpoints");
    }
    return checkpoints;
  }

  @Override
  public Fetched fetch(String queue, Lease lease, int max) {
    Fetched fetched = next.fetch(queue, lease, max);
    if (settler != null) {
      settler.afterDeaths(queue, fetched.events());
    }
    return fetched;
  }
}
