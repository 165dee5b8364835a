package dev.errand.queue.internal.memory;

import dev.errand.queue.JobState;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * One memory queue's concurrency caps, as the Redis scripts keep them: at most {@code maxRunning}
 * leased jobs, and {@code groupMaxRunning} of each group. A job over its group's cap is parked,
 * delayed for a while, and put back in line as soon as a job of its group leaves the active set.
 * Guarded by the queue's lock.
 */
final class MemoryCaps {

  /**
   * How long a parked job waits at most before it is looked at again, as on Redis: a safety net,
   * since a job of its group ending puts it back in line at once.
   */
  private static final long RECHECK_MILLIS = 30_000;

  private final MemoryQueue queue;
  private final Map<String, ArrayDeque<String>> parked = new HashMap<>();
  private int maxRunning;
  private int groupMaxRunning;

  MemoryCaps(MemoryQueue queue) {
    this.queue = queue;
  }

  void configure(int maxRunning, int groupMaxRunning) {
    this.maxRunning = maxRunning;
    this.groupMaxRunning = groupMaxRunning;
  }

  boolean any() {
    return maxRunning > 0 || groupMaxRunning > 0;
  }

  /** How many of {@code allowed} jobs may start under the queue's cap. */
  int allowance(int allowed) {
    if (maxRunning == 0) {
      return allowed;
    }
    return Math.max(0, Math.min(allowed, maxRunning - queue.sets.get(JobState.ACTIVE).size()));
  }

  boolean atCap() {
    return maxRunning > 0 && queue.sets.get(JobState.ACTIVE).size() >= maxRunning;
  }

  /** Parks {@code job} if its group is at its cap; returns whether it did. */
  boolean parkIfFull(MemoryJob job, long now) {
    if (groupMaxRunning == 0 || job.group == null) {
      return false;
    }
    ScoredSet active = queue.sets.get(JobState.ACTIVE);
    long running =
        active.ascending(0, active.size()).stream()
            .filter(id -> job.group.equals(queue.jobs.get(id).group))
            .count();
    if (running < groupMaxRunning) {
      return false;
    }
    parked.computeIfAbsent(job.group, g -> new ArrayDeque<>()).add(job.id);
    queue.move(job, JobState.DELAYED, now + RECHECK_MILLIS);
    return true;
  }

  /** {@code job} leaves the active set: the first job parked for its group goes back in line. */
  void left(MemoryJob job) {
    ArrayDeque<String> waiting = job.group == null ? null : parked.get(job.group);
    while (waiting != null && !waiting.isEmpty()) {
      MemoryJob next = queue.jobs.get(waiting.poll());
      if (next != null && next.state == JobState.DELAYED) {
        queue.move(next, JobState.WAITING, next.waitScore);
        break;
      }
    }
    if (waiting != null && waiting.isEmpty()) {
      parked.remove(job.group);
    }
  }
}
