package dev.errand.postgres.internal;

import dev.errand.queue.spi.JobDraft;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * Group commit for adds: concurrent adds to one queue share one statement and one commit, since a
 * commit waits for the disk and a statement carries any number of jobs. The first caller to find no
 * statement under way sends everything waiting, its own jobs among them, and keeps doing so while
 * more arrive; the others wait for their ids. Each add still returns only once its jobs are
 * committed, and adds keep the order they arrived in.
 */
final class PgAddBatcher {

  private static final int MOST_JOBS = 1000;

  private record Pending(List<JobDraft> drafts, CompletableFuture<List<String>> ids) {}

  private static final class Line {
    final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    final AtomicBoolean sending = new AtomicBoolean();
  }

  private final Map<String, Line> lines = new ConcurrentHashMap<>();
  private final BiFunction<String, List<JobDraft>, List<String>> store;

  /** Over {@code store}, which adds drafts to a queue in one statement and commits. */
  PgAddBatcher(BiFunction<String, List<JobDraft>, List<String>> store) {
    this.store = store;
  }

  List<String> add(String queue, List<JobDraft> drafts) {
    CompletableFuture<List<String>> ids = enqueue(queue, drafts);
    send(queue);
    try {
      return ids.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /**
   * {@link #add} without waiting: the jobs take their place in line now, in the caller's thread, so
   * calls keep their order; a virtual thread sends them unless a sender already will.
   */
  CompletableFuture<List<String>> addAsync(String queue, List<JobDraft> drafts) {
    CompletableFuture<List<String>> ids = enqueue(queue, drafts);
    Thread.startVirtualThread(() -> send(queue));
    return ids;
  }

  private CompletableFuture<List<String>> enqueue(String queue, List<JobDraft> drafts) {
    Pending mine = new Pending(drafts, new CompletableFuture<>());
    lines.computeIfAbsent(queue, q -> new Line()).pending.add(mine);
    return mine.ids();
  }

  private void send(String queue) {
    Line line = lines.get(queue);
    // Whoever sends looks again after it stops: an add that found it sending, and left its jobs
    // to it, is then either seen here or free to send them itself.
    do {
      if (!line.sending.compareAndSet(false, true)) {
        break;
      }
      try {
        sendWaiting(queue, line);
      } finally {
        line.sending.set(false);
      }
    } while (!line.pending.isEmpty());
  }

  /** Sends what is waiting, in batches of up to {@link #MOST_JOBS} jobs, until nothing is. */
  private void sendWaiting(String queue, Line line) {
    Pending next;
    while ((next = line.pending.poll()) != null) {
      List<Pending> batch = new ArrayList<>();
      List<JobDraft> drafts = new ArrayList<>();
      do {
        batch.add(next);
        drafts.addAll(next.drafts());
      } while (drafts.size() < MOST_JOBS && (next = line.pending.poll()) != null);
      try {
        List<String> ids = store.apply(queue, drafts);
        int at = 0;
        for (Pending pending : batch) {
          pending.ids().complete(ids.subList(at, at + pending.drafts().size()));
          at += pending.drafts().size();
        }
      } catch (RuntimeException e) {
        batch.forEach(pending -> pending.ids().completeExceptionally(e));
      }
    }
  }
}
