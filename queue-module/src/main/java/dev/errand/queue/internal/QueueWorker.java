package dev.errand.queue.internal;

import dev.errand.queue.Retention;
import dev.errand.queue.WorkerProcess;
import dev.errand.queue.spi.Lease;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one queue's jobs in this process, from parts with one job each: the {@link LeaseFetcher}
 * leases jobs for free capacity and blocks on the backend while the queue is empty; {@link
 * HandlerSlots} runs them on virtual threads in lease order; the {@link Acknowledger} reports
 * finished runs in batches and refills their leases in the same round trip (with a few ahead while
 * the queue has a backlog and handlers are quick, {@code JOBS_PREFETCH}); {@link LeaseRenewal}
 * keeps the held leases alive; {@link WorkerShutdown} stops it all in order. This class wires them.
 *
 * <p>A worker owns no platform thread: its fetch and acknowledgement loops run on virtual threads,
 * which park on the backend's futures and the inbox, and its timers run on the process's shared
 * {@link QueueTimers}. A process consuming hundreds of queues costs a few platform threads in all.
 */
public final class QueueWorker {

  private static final Logger log = LoggerFactory.getLogger(QueueWorker.class);

  private final WorkerContext context;
  private final String queue;
  private final Retention removeOnFail;
  private final QueueTimers timers;
  private final Outcomes outcomes;
  private final AckInbox inbox;
  private final HandlerSlots slots;
  private final LeaseFetcher fetcher;
  private final Acknowledger acknowledger;
  private final LeaseRenewal renewal;
  private final WorkerShutdown shutdown;
  private AutoCloseable cancels;

  QueueWorker(WorkerContext context) {
    this.context = context;
    this.queue = context.queue();
    WorkerConfig config = context.config();
    this.removeOnFail = config.defaults().removeOnFail();
    String token = Lease.newToken(ProcessIdentity.worker());
    Lease lease = new Lease(token, config.leaseDuration(), config.maxStalled());
    this.timers = context.timers();
    SettleSignal settled = new SettleSignal();
    Prefetch prefetch = new Prefetch(config.prefetch());
    this.outcomes = new Outcomes(context);
    this.inbox = new AckInbox(settled);
    JobRunner runner = new JobRunner(context, token, outcomes);
    this.slots = new HandlerSlots(context, runner, outcomes, inbox);
    this.fetcher = new LeaseFetcher(context, lease, prefetch, slots);
    this.acknowledger = new Acknowledger(context, lease, inbox, slots, fetcher, prefetch, settled);
    this.renewal = new LeaseRenewal(context, token, slots);
    this.shutdown =
        new WorkerShutdown(context, token, fetcher, slots, acknowledger, settled, renewal);
  }

  public String queue() {
    return queue;
  }

  /** How many of its jobs this worker runs at once. */
  public int concurrency() {
    return context.config().defaults().concurrency();
  }

  /** The jobs whose handlers run here now, under the queue name {@code shown}. */
  List<WorkerProcess.Running> running(String shown) {
    List<WorkerProcess.Running> now = new ArrayList<>();
    for (RunningJob run : slots.held()) {
      long started = run.startedMillis();
      if (started != 0 && !run.isClaimed()) {
        now.add(
            new WorkerProcess.Running(
                shown, run.id(), run.job.name(), Instant.ofEpochMilli(started)));
      }
    }
    return now;
  }

  /** The jobs this worker holds right now. */
  public int inFlight() {
    return slots.size();
  }

  /** Cancels a job this worker runs: its handler sees it and is interrupted. */
  public boolean cancel(String id) {
    RunningJob run = slots.get(id);
    if (run == null || run.isClaimed()) {
      return false;
    }
    run.cancel(RunningJob.Cancel.CANCELLED);
    // A handler that ignores the cancellation must not hold the job: fail the run without it.
    timers.schedule(
        () -> {
          if (run.claim()) {
            inbox.accept(outcomes.cancelled(run.job, removeOnFail));
          }
        },
        1000);
    return true;
  }

  public void start() {
    renewal.start();
    try {
      cancels = context.backend().onCancel(queue, this::cancel);
    } catch (RuntimeException e) {
      log.warn(
          "Cannot hear cancellation requests for queue '{}'; its jobs run to their end: {}",
          queue,
          e.getMessage());
    }
    acknowledger.start();
    fetcher.start();
  }

  /** Stops leasing new jobs; running ones go on. */
  public void stopFetching() {
    fetcher.stop();
  }

  /**
   * Waits until {@code deadlineNanos} (a {@link System#nanoTime()} value) for running jobs to
   * finish, returns the rest to waiting, sends the last acknowledgements and stops every thread.
   */
  public void awaitStop(long deadlineNanos) throws InterruptedException {
    shutdown.stop(deadlineNanos);
    if (cancels != null) {
      try {
        cancels.close();
      } catch (Exception e) {
        log.debug("Closing the cancellation subscription of queue '{}' failed", queue, e);
      }
    }
  }
}
