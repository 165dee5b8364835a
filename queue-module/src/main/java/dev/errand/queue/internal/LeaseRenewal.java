package dev.errand.queue.internal;

import dev.errand.queue.spi.QueueBackend;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews every lease a worker holds in one backend call, three times per lease duration, and
 * cancels a run whose lease another worker has taken, since that worker may run the job now. It
 * runs on the shared {@link QueueTimers}' platform threads, so no handler can hold it up, not even
 * one that keeps a carrier thread busy, and a slow round trip for one queue delays no other queue's
 * renewal.
 */
final class LeaseRenewal {

  private static final Logger log = LoggerFactory.getLogger(LeaseRenewal.class);

  private final String queue;
  private final QueueBackend backend;
  private final String token;
  private final Duration leaseDuration;
  private final HandlerSlots slots;
  private final QueueTimers timers;
  private volatile ScheduledFuture<?> task;

  LeaseRenewal(WorkerContext context, String token, HandlerSlots slots) {
    this.queue = context.queue();
    this.backend = context.backend();
    this.token = token;
    this.leaseDuration = context.config().leaseDuration();
    this.slots = slots;
    this.timers = context.timers();
  }

  /** Renews until {@link #stop}. */
  void start() {
    task = timers.every(this::renew, Math.max(20, leaseDuration.toMillis() / 3), slots::anyLeased);
  }

  /** Renews no more; a renewal under way ends by itself. */
  void stop() {
    ScheduledFuture<?> t = task;
    if (t != null) {
      t.cancel(false);
    }
  }

  private void renew() {
    if (!slots.anyLeased()) {
      return;
    }
    List<String> ids = slots.leasedIds();
    try {
      Set<String> lost = backend.renew(queue, token, ids, leaseDuration);
      for (String id : lost) {
        RunningJob run = slots.get(id);
        if (run != null && !run.isClaimed()) {
          log.warn(
              "Lost the lease on job {} of queue '{}': another worker may run it now; cancelling"
                  + " this run",
              id,
              queue);
          run.cancel(RunningJob.Cancel.LEASE_LOST);
        }
      }
    } catch (RuntimeException e) {
      log.warn("Renewing {} lease(s) of queue '{}' failed: {}", ids.size(), queue, e.getMessage());
    }
  }
}
