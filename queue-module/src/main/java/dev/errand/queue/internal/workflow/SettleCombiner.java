package dev.errand.queue.internal.workflow;

import dev.errand.queue.spi.StepOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * Settles the outcomes that this process's acknowledgements bring for one workflow together: while
 * one settle of a workflow is under way, the batches that arrive for it wait, and the next of them
 * to get its turn settles all of them in one call. A fan-in's thousand steps finishing on fifty
 * workers become a few store calls instead of one per acknowledgement, each of which had to wait
 * for the one before anyway (a store makes each call atomic for its workflow: one Redis script, or
 * a transaction holding the workflow's row on PostgreSQL). A batch alone settles at once.
 */
final class SettleCombiner {

  private record Entry(Map<String, StepOutcome> outcomes, CompletableFuture<Void> done) {}

  private static final class Turns {
    final ReentrantLock lock = new ReentrantLock();
    final Queue<Entry> waiting = new ConcurrentLinkedQueue<>();
    int users;
  }

  private final Map<String, Turns> byWorkflow = new ConcurrentHashMap<>();
  private final BiConsumer<String, Map<String, StepOutcome>> settle;

  /**
   * @param settle records outcomes of one workflow's steps and carries them through, throwing when
   *     it could not
   */
  SettleCombiner(BiConsumer<String, Map<String, StepOutcome>> settle) {
    this.settle = settle;
  }

  /**
   * Settles {@code outcomes}, alone or with others of the same workflow, and returns once they are
   * recorded; throws what the settle that carried them threw.
   */
  void settle(String workflowId, Map<String, StepOutcome> outcomes) {
    Turns turns =
        byWorkflow.compute(
            workflowId,
            (id, existing) -> {
              Turns t = existing == null ? new Turns() : existing;
              t.users++;
              return t;
            });
    Entry mine = new Entry(outcomes, new CompletableFuture<>());
    turns.waiting.add(mine);
    turns.lock.lock();
    try {
      // The holder before may have carried this batch with its own.
      if (!mine.done().isDone()) {
        settleWaiting(workflowId, turns);
      }
    } finally {
      turns.lock.unlock();
      byWorkflow.computeIfPresent(workflowId, (id, t) -> --t.users == 0 ? null : t);
    }
    try {
      mine.done().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private void settleWaiting(String workflowId, Turns turns) {
    List<Entry> batch = new ArrayList<>();
    Map<String, StepOutcome> outcomes = new LinkedHashMap<>();
    Entry next;
    while ((next = turns.waiting.poll()) != null) {
      batch.add(next);
      outcomes.putAll(next.outcomes());
    }
    try {
      settle.accept(workflowId, outcomes);
      batch.forEach(entry -> entry.done().complete(null));
    } catch (RuntimeException | Error e) {
      batch.forEach(entry -> entry.done().completeExceptionally(e));
    }
  }
}
