package dev.errand.queue.internal;

import dev.errand.queue.JobEvent;
import dev.errand.queue.JobOutcome;
import dev.errand.queue.JobState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Producers waiting for jobs to end. A job can end before its add returns to the producer (the
 * reply and the event travel separately), so while adds are under way final events nobody waits for
 * yet are kept briefly.
 */
public final class Waiters {

  private static final int MAX_EARLY = 10_000;
  private static final long EARLY_MILLIS = 10_000;

  private record Early(JobOutcome outcome, long at) {}

  private final Map<String, CompletableFuture<JobOutcome>> waiting = new ConcurrentHashMap<>();
  private final AtomicInteger adding = new AtomicInteger();
  private final Map<String, Early> early =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Early> eldest) {
          return size() > MAX_EARLY;
        }
      };

  /** Call before the add whose job will be waited for. */
  void beginAdd() {
    adding.incrementAndGet();
  }

  /** Call once the add returned, with or without success. */
  void endAdd() {
    if (adding.decrementAndGet() == 0) {
      synchronized (early) {
        early.clear();
      }
    }
  }

  /** Starts waiting for job {@code id}; call between {@link #beginAdd} and {@link #endAdd}. */
  CompletableFuture<JobOutcome> register(String queue, String id) {
    String key = key(queue, id);
    CompletableFuture<JobOutcome> future = new CompletableFuture<>();
    CompletableFuture<JobOutcome> other = waiting.putIfAbsent(key, future);
    if (other != null) {
      return other;
    }
    Early seen;
    synchronized (early) {
      seen = early.remove(key);
    }
    if (seen != null && System.currentTimeMillis() - seen.at() < EARLY_MILLIS) {
      waiting.remove(key, future);
      future.complete(seen.outcome());
    }
    return future;
  }

  void forget(String queue, String id, CompletableFuture<JobOutcome> future) {
    waiting.remove(key(queue, id), future);
  }

  void offer(JobEvent event) {
    if (waiting.isEmpty() && adding.get() == 0) {
      return;
    }
    JobState state =
        switch (event.type()) {
          case COMPLETED -> JobState.COMPLETED;
          case FAILED -> JobState.FAILED;
          case DEAD -> JobState.DEAD;
          default -> null;
        };
    if (state == null) {
      return;
    }
    String key = key(event.queue(), event.id());
    JobOutcome outcome =
        new JobOutcome(
            event.id(), state, state == JobState.COMPLETED ? event.data() : null, event.failure());
    CompletableFuture<JobOutcome> future = waiting.remove(key);
    if (future != null) {
      future.complete(outcome);
    } else if (adding.get() > 0) {
      synchronized (early) {
        early.put(key, new Early(outcome, System.currentTimeMillis()));
      }
    }
  }

  private static String key(String queue, String id) {
    return queue + '\u0000' + id;
  }
}
