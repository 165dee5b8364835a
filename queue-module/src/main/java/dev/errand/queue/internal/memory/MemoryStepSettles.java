package dev.errand.queue.internal.memory;

import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.Settled;
import dev.errand.queue.spi.SettledOnAcknowledge;
import dev.errand.queue.spi.StepOutcome;
import dev.errand.queue.spi.StoredStep;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Settles workflow steps as the memory backend acknowledges their jobs, once the workflow layer
 * accepted the offer ({@code QueueBackend#settleStepsOnAcknowledge}), as Redis on one server and
 * PostgreSQL do: only for an acknowledgement that is not refused, the released steps of the
 * acknowledged queue added to it before the call returns (so the fetch that follows may lease
 * them), the others handed on under a note of their own ({@code <workflow>:<n>}) until the caller
 * has added them. Everything here lives and dies with the process, so the acknowledgement and the
 * settle need no common transaction.
 */
final class MemoryStepSettles {

  private final MemoryWorkflowStore store;
  private final Function<String, MemoryQueue> queues;
  private final Clock clock;
  private final AtomicLong releases = new AtomicLong();
  private volatile Consumer<SettledOnAcknowledge> handOn;

  MemoryStepSettles(MemoryWorkflowStore store, Function<String, MemoryQueue> queues, Clock clock) {
    this.store = store;
    this.queues = queues;
    this.clock = clock;
  }

  /** Settles from now on, handing what each acknowledgement settled to {@code settled}. */
  boolean offer(Consumer<SettledOnAcknowledge> settled) {
    this.handOn = settled;
    return true;
  }

  /**
   * Settles the outcomes of the steps among {@code acks}, acknowledged in {@code queue}, whose
   * acknowledgement was not {@code refused}, a workflow at a time, and hands on what is left to do.
   */
  void settle(String queue, List<Ack> acks, Set<String> refused) {
    Consumer<SettledOnAcknowledge> to = handOn;
    if (to == null) {
      return;
    }
    StepOutcome.byWorkflow(acks, refused)
        .forEach(
            (id, outcomes) -> {
              Settled settled =
                  addHere(
                      queue,
                      id,
                      store.settle(
                          id, outcomes, SettledOnAcknowledge.firstBudget(outcomes.size())));
              Runnable carriedThrough = () -> {};
              if (!settled.released().isEmpty() || settled.more()) {
                String note = id + ":" + releases.incrementAndGet();
                store.releasing(note, clock.instant());
                carriedThrough = () -> store.released(note);
              }
              to.accept(new SettledOnAcknowledge(id, settled, carriedThrough));
            });
  }

  /**
   * Adds the released steps of {@code queue} to it and marks them enqueued; returns the settle with
   * the other steps only (a sharded queue's shards never are a step's queue).
   */
  private Settled addHere(String queue, String workflowId, Settled settled) {
    List<StoredStep> here = settled.releasedInto(queue);
    if (here.isEmpty()) {
      return settled;
    }
    queues.apply(queue).add(here.stream().map(StoredStep::job).toList());
    store.enqueued(workflowId, here.stream().map(StoredStep::id).toList());
    return settled.withoutReleasedInto(queue);
  }
}
