package dev.errand.queue.internal;

import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.LeasedJob;
import dev.errand.queue.spi.QueueBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Leases jobs for a worker's free capacity, all it can in one backend call, and waits on the
 * backend while the queue is empty. Owns the capacity count: leases the worker may hold beyond its
 * prefetched ones, which the {@link Acknowledger} also takes and gives back as runs finish.
 *
 * <p>The idle wait ends when the backend signals work, or when the next thing the fetch reported
 * falls due (a delayed job, a rate-limit window, a lease to recover), within {@code
 * JOBS_STALLED_INTERVAL}. With nothing to fall due it lasts up to {@code JOBS_IDLE_CHECK_INTERVAL}:
 * an idle queue then costs the backend one look per interval, so a process can idle on hundreds.
 */
final class LeaseFetcher {

  private final String queue;
  private final QueueBackend backend;
  private final Lease lease;
  private final WorkerConfig config;
  private final Clock clock;
  private final EventHub events;
  private final Prefetch prefetch;
  private final HandlerSlots slots;
  private final Thread thread;

  /** Leases this worker may hold beyond the prefetched ones: the queue's concurrency. */
  private final Semaphore capacity;

  private volatile boolean fetching = true;
  private volatile boolean awaiting;
  private boolean lookedAgain;

  LeaseFetcher(WorkerContext context, Lease lease, Prefetch prefetch, HandlerSlots slots) {
    this.queue = context.queue();
    this.backend = context.backend();
    this.lease = lease;
    this.config = context.config();
    this.clock = context.clock();
    this.events = context.events();
    this.prefetch = prefetch;
    this.slots = slots;
    this.capacity = new Semaphore(config.defaults().concurrency());
    // A virtual thread: it parks on the backend's replies and idle waits, so a process with many
    // queues spends no platform thread on them.
    this.thread = Thread.ofVirtual().name("errand-queue-" + queue + "-fetch").unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /** Stops leasing new jobs; running ones go on. */
  void stop() {
    fetching = false;
    // Interrupt only a blocking wait: an interrupted fetch could lease jobs nobody then runs.
    if (awaiting) {
      thread.interrupt();
    }
  }

  boolean isFetching() {
    return fetching;
  }

  /** Waits up to {@code millis} for the fetch loop to end after {@link #stop}. */
  void join(long millis) throws InterruptedException {
    thread.join(millis);
  }

  /** Takes every free lease permit, for a round trip to refill; 0 when none is free. */
  int takeFree() {
    return capacity.drainPermits();
  }

  /** Gives back {@code permits} lease permits: their runs ended or were never leased. */
  void free(int permits) {
    capacity.release(permits);
  }

  private void run() {
    RetryPause retry = new RetryPause();
    while (fetching) {
      int permits = 0;
      try {
        capacity.acquire();
        permits = 1 + capacity.drainPermits();
        if (!fetching) {
          break;
        }
        int asked = permits;
        Fetched fetched = backend.fetch(queue, lease, asked);
        retry.reset();
        int got = fetched.jobs().size();
        prefetch.fetched(asked, got);
        capacity.release(asked - got);
        permits = 0;
        for (LeasedJob job : fetched.jobs()) {
          slots.launch(job);
        }
        fetched.events().forEach(events::local);
        if (got < asked) {
          // The queue ran dry: wait until the backend signals work or something falls due.
          awaiting = true;
          if (fetching) {
            backend.awaitJobs(queue, idleWait(fetched.nextDelayed()));
          }
          awaiting = false;
        }
      } catch (InterruptedException e) {
        awaiting = false;
        capacity.release(permits);
        if (!fetching) {
          break;
        }
      } catch (RuntimeException e) {
        awaiting = false;
        capacity.release(permits);
        if (!fetching) {
          break; // a blocking wait cut short by stop
        }
        retry.failed("fetch jobs of queue '" + queue + "'", e);
      }
    }
  }

  private Duration idleWait(Instant nextDue) {
    if (nextDue == null) {
      // A random point in the interval's last quarter, the first time anywhere in it: the looks
      // of queues that went idle together (at start) spread out instead of arriving at once.
      long interval = Math.max(1, config.idleCheckInterval().toMillis());
      long from = lookedAgain ? interval - interval / 4 : 0;
      lookedAgain = true;
      return Duration.ofMillis(ThreadLocalRandom.current().nextLong(from, interval) + 1);
    }
    Duration wait = config.stalledInterval();
    Duration untilDue = Duration.between(clock.instant(), nextDue);
    if (untilDue.compareTo(wait) < 0) {
      wait = untilDue.isNegative() ? Duration.ZERO : untilDue;
    }
    return wait;
  }
}
