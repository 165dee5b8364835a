package dev.errand.queue.internal;

import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.LeasedJob;
import dev.errand.queue.spi.QueueBackend;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a worker's finished runs to the backend in batches and refills their leases in the same
 * round trip, with up to {@value #MAX_TRIPS_IN_FLIGHT} trips under way, so the backend works on one
 * batch while this process runs the jobs of another. A failed trip's outcomes go again with the
 * next batch, after a pause that grows while the backend is down. Its thread is virtual.
 */
final class Acknowledger {

  private static final Logger log = LoggerFactory.getLogger(Acknowledger.class);
  static final int MAX_BATCH = 1000;
  static final int MAX_TRIPS_IN_FLIGHT = 2;

  private final String queue;
  private final QueueBackend backend;
  private final Lease lease;
  private final int concurrency;
  private final OutcomeReporter reporter;
  private final AckInbox inbox;
  private final HandlerSlots slots;
  private final LeaseFetcher fetcher;
  private final Prefetch prefetch;
  private final SettleSignal settled;
  private final Clock clock;
  private final AtomicInteger tripsInFlight = new AtomicInteger();
  private final Thread thread;
  private volatile boolean acking = true;

  Acknowledger(
      WorkerContext context,
      Lease lease,
      AckInbox inbox,
      HandlerSlots slots,
      LeaseFetcher fetcher,
      Prefetch prefetch,
      SettleSignal settled) {
    this.queue = context.queue();
    this.backend = context.backend();
    this.lease = lease;
    this.concurrency = context.config().defaults().concurrency();
    this.reporter = new OutcomeReporter(context, prefetch);
    this.inbox = inbox;
    this.slots = slots;
    this.fetcher = fetcher;
    this.prefetch = prefetch;
    this.settled = settled;
    this.clock = context.clock();
    this.thread = Thread.ofVirtual().name("errand-queue-" + queue + "-ack").unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /** Round trips sent and not yet settled, whose replies may still lease jobs. */
  int tripsInFlight() {
    return tripsInFlight.get();
  }

  /** Sends what is left, settles the trips under way and ends, waiting up to {@code millis}. */
  void finish(long millis) throws InterruptedException {
    acking = false;
    inbox.wakeUp();
    thread.join(millis);
  }

  /**
   * A batch goes out when no round trip is under way, or beside one when it holds half the worker's
   * slots: a second trip per handful of jobs would cost the backend more than it saves.
   */
  static boolean maySend(int batch, int underWay, int concurrency) {
    if (batch == 0 || underWay >= MAX_TRIPS_IN_FLIGHT) {
      return false;
    }
    return underWay == 0 || batch >= Math.max(1, concurrency / 2);
  }

  private void run() {
    RetryPause retry = new RetryPause();
    List<Ack> batch = new ArrayList<>();
    while (acking || tripsInFlight.get() > 0 || !inbox.isEmpty() || !batch.isEmpty()) {
      try {
        // Outcomes and replies come through the same inbox, so only this thread touches the batch;
        // with nothing to send it parks until the next one, or the wake-up of finish().
        drain(maySend(batch) ? inbox.poll() : inbox.take(), batch, retry);
        if (maySend(batch)) {
          // Handlers about to finish run first (this is a virtual thread, and they are too), so
          // their outcomes join this batch instead of each making a round trip of its own.
          Thread.yield();
          drain(batch.size() < MAX_BATCH ? inbox.poll() : null, batch, retry);
          send(batch);
          batch = new ArrayList<>();
        }
      } catch (InterruptedException e) {
        if (!acking && tripsInFlight.get() == 0) {
          break;
        }
      }
    }
  }

  private boolean maySend(List<Ack> batch) {
    return maySend(batch.size(), tripsInFlight.get(), concurrency);
  }

  /** Takes {@code item} and whatever else waits in the inbox, up to a full batch. */
  private void drain(Object item, List<Ack> batch, RetryPause retry) {
    while (item != null) {
      if (item instanceof TripReply reply) {
        settle(reply, batch, retry);
      } else if (item instanceof Ack ack) {
        batch.add(withRun(ack));
      }
      item = batch.size() < MAX_BATCH ? inbox.poll() : null;
    }
  }

  /** The outcome with how its run went, for the job's attempts and the queue's history. */
  private Ack withRun(Ack ack) {
    RunningJob run = slots.get(ack.id());
    return ack.run() != null || run == null
        ? ack
        : ack.withRun(run.runInfo(clock.instant(), ProcessIdentity.worker()));
  }

  private void send(List<Ack> batch) {
    // Refill the finished runs' leases, and any free ones, in the same round trip; unless the
    // backend holds the trip back (a workflow step's outcome is recorded first, and a step that
    // releases a thousand dependents takes a while): the free leases then stay with the fetcher,
    // which starts the released steps as they arrive instead of after that trip.
    boolean refill = fetcher.isFetching();
    boolean spare = refill && !backend.holdsBackAcknowledgement(batch);
    int extra = spare ? fetcher.takeFree() : 0;
    int ahead = spare ? prefetch.take() : 0;
    int want = refill ? batch.size() + extra + ahead : 0;
    tripsInFlight.incrementAndGet();
    CompletableFuture<Fetched> reply;
    try {
      reply = backend.acknowledgeAndFetch(queue, lease, batch, want);
    } catch (RuntimeException e) {
      reply = CompletableFuture.failedFuture(e);
    }
    reply.whenComplete(
        (result, error) -> {
          if (result != null) {
            // Renewed from now on: this thread may be busy sending the next batch for a while.
            slots.arriving(result.jobs());
          }
          inbox.replied(new TripReply(batch, extra, ahead, result, error));
        });
  }

  private void settle(TripReply reply, List<Ack> pending, RetryPause retry) {
    if (reply.error() != null) {
      settleFailed(reply, pending, retry);
      return;
    }
    retry.reset();
    Fetched result = reply.result();
    for (Ack ack : reply.batch()) {
      RunningJob run = slots.remove(ack.id());
      if (!result.refused().contains(ack.id())) {
        reporter.recorded(ack, run);
      } else {
        reporter.refused(ack.id());
      }
    }
    fetcher.free(
        prefetch.settled(
            reply.batch().size() + reply.extra(), reply.prefetch(), result.jobs().size()));
    for (LeasedJob job : result.jobs()) {
      slots.launch(job);
    }
    reporter.noticed(result.events());
    // Counted until its jobs are launched, so a stopping worker that sees none under way has
    // every leased job in sight.
    tripDone();
  }

  private void settleFailed(TripReply reply, List<Ack> pending, RetryPause retry) {
    tripDone();
    prefetch.failed(reply.prefetch());
    fetcher.free(reply.extra());
    Throwable error = reply.cause();
    if (!acking) {
      log.warn(
          "Dropping {} acknowledgement(s) of queue '{}' at shutdown: {}",
          reply.batch().size(),
          queue,
          error.getMessage());
      reply.batch().forEach(a -> slots.remove(a.id()));
      fetcher.free(reply.batch().size());
      return;
    }
    // Send them again with the next batch, after a pause that grows while the backend is down.
    pending.addAll(0, reply.batch());
    retry.failed(
        "acknowledge jobs of queue '" + queue + "'",
        error instanceof RuntimeException r ? r : new IllegalStateException(error));
  }

  private void tripDone() {
    tripsInFlight.decrementAndGet();
    settled.settled();
  }
}
