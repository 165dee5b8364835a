package dev.errand.queue.internal.memory;

import dev.errand.queue.JobState;
import dev.errand.queue.spi.Fetched;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * The idle workers of one memory queue: they wait on a condition of the queue's lock, which every
 * change that may give them work signals, and until the next thing in the queue falls due. All of
 * it under the queue's lock.
 */
final class MemoryWaits {

  private final MemoryQueue queue;
  private final MemoryLimiter limiter;
  private final Condition work;

  MemoryWaits(MemoryQueue queue, MemoryLimiter limiter) {
    this.queue = queue;
    this.limiter = limiter;
    this.work = queue.lock.newCondition();
  }

  /** Tells waiting workers the queue may have work. */
  void signal() {
    work.signalAll();
  }

  /** Waits for {@link #signal}, up to {@code timeout} or until something falls due. */
  void await(Duration timeout) throws InterruptedException {
    long now = queue.clock.millis();
    if (!queue.paused
        && queue.sets.get(JobState.WAITING).size() > 0
        && !limiter.limited(now)
        && !queue.caps.atCap()) {
      return;
    }
    // Something may have come to fall due sooner since the caller's fetch, unsignalled while
    // nobody waited: a job delayed, or leased by another worker.
    Long due = nextDue(now, true);
    long nanos = timeout.toNanos();
    if (due != null) {
      nanos = Math.min(nanos, TimeUnit.MILLISECONDS.toNanos(Math.max(0, due - now)));
    }
    if (nanos > 0) {
      work.await(nanos, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * When the queue may next have work that nothing signals (see {@link Fetched#nextDelayed()}), or
   * null; with {@code leases}, a lease expiring counts.
   */
  Long nextDue(long now, boolean leases) {
    Long next = limiter.earliest(queue.sets.get(JobState.DELAYED).firstScore(), now);
    Long lease = leases ? queue.sets.get(JobState.ACTIVE).firstScore() : null;
    // A lease counts as expired once its deadline is past, a millisecond after it.
    return lease != null && (next == null || lease + 1 < next) ? Long.valueOf(lease + 1) : next;
  }
}
