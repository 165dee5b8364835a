package dev.errand.queue.internal;

import dev.errand.queue.spi.QueueBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a worker in order: no more fetching, prefetched jobs that have not started go back, running
 * handlers and round trips under way get until the grace deadline, what is still held goes back to
 * waiting, then the threads end and renewals stop. The deadline is a {@link System#nanoTime()}
 * value, never the injected clock's time, which a test may hold still.
 */
final class WorkerShutdown {

  private static final Logger log = LoggerFactory.getLogger(WorkerShutdown.class);

  private final String queue;
  private final QueueBackend backend;
  private final String token;
  private final long ackerJoinMillis;
  private final LeaseFetcher fetcher;
  private final HandlerSlots slots;
  private final Acknowledger acknowledger;
  private final SettleSignal settled;
  private final LeaseRenewal renewal;

  WorkerShutdown(
      WorkerContext context,
      String token,
      LeaseFetcher fetcher,
      HandlerSlots slots,
      Acknowledger acknowledger,
      SettleSignal settled,
      LeaseRenewal renewal) {
    this.queue = context.queue();
    this.backend = context.backend();
    this.token = token;
    this.ackerJoinMillis = Math.max(1000, context.config().shutdownGrace().toMillis());
    this.fetcher = fetcher;
    this.slots = slots;
    this.acknowledger = acknowledger;
    this.settled = settled;
    this.renewal = renewal;
  }

  /** Stops the worker, giving running handlers until {@code deadlineNanos}. */
  void stop(long deadlineNanos) throws InterruptedException {
    fetcher.stop();
    fetcher.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
    // Prefetched jobs that have not started go back at once instead of running now.
    List<String> unfinished = new ArrayList<>();
    for (RunningJob run : slots.held()) {
      if (run.claimUnstarted()) {
        unfinished.add(run.id());
        fetcher.free(1);
      }
    }
    settled.await(() -> !slots.anyUnsettled(), deadlineNanos);
    // Jobs a round trip under way leases must be known before the rest is returned.
    settled.await(() -> acknowledger.tripsInFlight() == 0, deadlineNanos);
    for (RunningJob run : slots.held()) {
      if (run.claim()) {
        run.cancel(RunningJob.Cancel.SHUTDOWN);
        unfinished.add(run.id());
        fetcher.free(1);
      }
    }
    acknowledger.finish(ackerJoinMillis);
    release(unfinished);
    unfinished.forEach(slots::remove);
    renewal.stop();
  }

  private void release(List<String> unfinished) {
    if (unfinished.isEmpty()) {
      return;
    }
    try {
      backend.release(queue, token, unfinished);
      log.info(
          "Returned {} unfinished job(s) of queue '{}' to waiting at shutdown",
          unfinished.size(),
          queue);
    } catch (RuntimeException e) {
      log.warn(
          "Could not return {} job(s) of queue '{}' to waiting at shutdown; they run again once"
              + " their lease expires: {}",
          unfinished.size(),
          queue,
          e.getMessage());
    }
  }
}
