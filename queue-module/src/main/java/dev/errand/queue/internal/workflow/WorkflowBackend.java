package dev.errand.queue.internal.workflow;

import dev.errand.queue.internal.ForwardingBackend;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.CheckpointStore;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.queue.spi.SettledOnAcknowledge;
import dev.errand.queue.spi.StepOutcome;
import dev.errand.queue.spi.WorkflowJobIds;
import dev.errand.queue.spi.WorkflowStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend as workers see it once workflows exist: a workflow step's outcome is recorded in its
 * workflow, by the backend in the call that acknowledges the step's job when it offers to ({@link
 * QueueBackend#settleStepsOnAcknowledge}: memory, Redis on one server, PostgreSQL), else before
 * that call ({@link StepSettler}); and a step a fetch finds dead of stalls is recorded as failed.
 * Every other call passes straight through; a batch without a step's job costs one prefix test per
 * outcome.
 */
public final class WorkflowBackend extends ForwardingBackend {

  private static final Logger log = LoggerFactory.getLogger(WorkflowBackend.class);

  private final WorkflowStore store;
  private final CheckpointStore checkpoints;
  private final StepSettler settler;

  /**
   * Whether this layer records steps' outcomes before their acknowledgement: there are workflows,
   * and the backend does not settle steps as it acknowledges their jobs.
   */
  private final boolean settlesBeforeAcknowledging;

  /**
   * @param queues the backend jobs are stored in, sharding included
   * @param stored the same backend unwrapped, whose workflow and checkpoint stores are used
   */
  public WorkflowBackend(QueueBackend queues, QueueBackend stored, Clock clock) {
    super(queues);
    this.store = optional(stored::workflowStore);
    this.checkpoints = optional(stored::checkpoints);
    this.settler = store == null ? null : new StepSettler(next, store, clock);
    WorkflowDriver driver = store == null ? null : new WorkflowDriver(next, store);
    this.settlesBeforeAcknowledging =
        driver != null && !stored.settleStepsOnAcknowledge(settled -> carryOn(driver, settled));
  }

  private List<Ack> settle(String queue, List<Ack> acks) {
    return settlesBeforeAcknowledging ? settler.beforeAck(queue, acks) : acks;
  }

  /**
   * Adds the steps an acknowledgement released to their queues and passes on what it left to pass
   * on, on a thread of its own (the backend hands it over on its client's threads); then ends the
   * backend's note of the release. A failure leaves the note, and the workflow sweeper finishes the
   * release once it is {@link WorkflowSweeper#STRANDED_AFTER} old.
   */
  private static void carryOn(WorkflowDriver driver, SettledOnAcknowledge settled) {
    if (settled.settled().released().isEmpty() && !settled.settled().more()) {
      return;
    }
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                driver.carryOn(settled.workflowId(), settled.settled());
                settled.carriedThrough().run();
              } catch (RuntimeException e) {
                log.warn(
                    "Workflow {}: adding the steps its steps' outcomes released failed ({}); the"
                        + " workflow sweeper adds them within {} s",
                    settled.workflowId(),
                    e.toString(),
                    WorkflowSweeper.STRANDED_AFTER.plus(WorkflowSweeper.PERIOD).toSeconds());
              }
            });
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

  /** Workflows are settled here already: nothing above this layer settles steps. */
  @Override
  public boolean settleStepsOnAcknowledge(Consumer<SettledOnAcknowledge> settled) {
    return false;
  }

  /** Whether {@code acks} hold a workflow step's outcome, which its workflow records first. */
  private boolean recordsOutcomes(List<Ack> acks) {
    return settlesBeforeAcknowledging && StepOutcome.anyEndsStep(acks);
  }

  /** A batch with a step's outcome waits for its workflow to record it before it is sent. */
  @Override
  public boolean holdsBackAcknowledgement(List<Ack> acks) {
    return recordsOutcomes(acks) || next.holdsBackAcknowledgement(acks);
  }

  /**
   * Unless the backend settles steps itself: settles the batch's step outcomes, then acknowledges
   * it, on a thread of its own: the worker's acknowledger goes on sending other batches meanwhile,
   * so a step that releases a thousand dependents (several store calls and queue adds) holds up
   * only its own acknowledgement, not the refills of the jobs it released. Each batch is still
   * acknowledged only once settled, so a crash in between runs its steps again, as before; a batch
   * without a step's outcome goes straight on, and may overtake one being settled (they hold
   * different jobs).
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
