package dev.errand.queue.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.queue.JobEvent;
import dev.errand.queue.Retention;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.LeasedJob;
import dev.errand.queue.spi.QueueBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one queue's jobs in this process.
 *
 * <p>Platform threads drive it: the fetcher fills free slots in one backend call and blocks on the
 * backend while the queue is empty; the acker reports finished runs in batches and refills their
 * slots in the same call; two timer threads renew every held lease in one call and fire timeouts.
 * Handlers run on virtual threads, so none of them can starve the lease renewal. While the queue
 * has a backlog and handlers are quick, the acker also leases a few jobs ahead ({@code
 * JOBS_PREFETCH}); they wait for a slot here, so a freed slot starts its next job at once instead
 * of a round trip later.
 */
public final class QueueWorker {

  private static final Logger log = LoggerFactory.getLogger(QueueWorker.class);
  private static final int MAX_ACK_BATCH = 1000;
  private static final int MAX_CYCLES_IN_FLIGHT = 2;

  private final String queue;
  private final String token = UUID.randomUUID().toString();
  private final Lease lease;
  private final QueueBackend backend;
  private final WorkerConfig config;
  private final JobRunner runner;
  private final Clock clock;
  private final EventHub events;
  private final QueueMetricsRecorder metrics;

  /** Leases this worker may hold beyond the prefetched ones: the queue's concurrency. */
  private final Semaphore capacity;

  /** Handlers that may run at once: the queue's concurrency. */
  private final Semaphore slots;

  /** Leased runs waiting for a handler slot, in lease order. */
  private final ConcurrentLinkedQueue<RunningJob> ready = new ConcurrentLinkedQueue<>();

  private final Map<String, RunningJob> running = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
  private final AtomicInteger cyclesInFlight = new AtomicInteger();
  private final ScheduledExecutorService timers;
  private final ThreadFactory handlerThreads;
  private final Thread fetcher;
  private final Thread acker;
  private volatile boolean fetching = true;
  private volatile boolean acking = true;
  private volatile boolean awaiting;
  private final Prefetch prefetch;

  private AutoCloseable cancels;

  public QueueWorker(
      String queue,
      HandlerTable table,
      QueueBackend backend,
      WorkerConfig config,
      ObjectMapper mapper,
      BackoffCalculator backoff,
      Clock clock,
      EventHub events,
      QueueMetricsRecorder metrics) {
    this.queue = queue;
    this.events = events;
    this.metrics = metrics;
    this.backend = backend;
    this.config = config;
    this.lease = new Lease(token, config.leaseDuration(), config.maxStalled());
    this.clock = clock;
    this.capacity = new Semaphore(config.defaults().concurrency());
    this.slots = new Semaphore(config.defaults().concurrency());
    this.prefetch = new Prefetch(config.prefetch());
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(2, r -> platform(r, "errand-queue-" + queue + "-timers"));
    executor.setRemoveOnCancelPolicy(true);
    this.timers = executor;
    this.runner =
        new JobRunner(
            queue,
            token,
            table,
            config.defaults(),
            backend,
            mapper,
            backoff,
            timers,
            clock,
            events);
    this.handlerThreads = Thread.ofVirtual().name("errand-job-" + queue).factory();
    this.fetcher = platform(this::fetchLoop, "errand-queue-" + queue + "-fetch");
    this.acker = platform(this::ackLoop, "errand-queue-" + queue + "-ack");
  }

  public String queue() {
    return queue;
  }

  /** The jobs this worker holds right now. */
  public int inFlight() {
    return running.size();
  }

  /** Cancels a job this worker runs: its handler sees it and is interrupted. */
  public boolean cancel(String id) {
    RunningJob run = running.get(id);
    if (run == null || run.isClaimed()) {
      return false;
    }
    run.cancel(RunningJob.Cancel.CANCELLED);
    // A handler that ignores the cancellation must not hold the job: fail the run without it.
    timers.schedule(
        () -> {
          if (run.claim()) {
            inbox.add(JobRunner.cancelled(run.job, config.defaults().removeOnFail(), queue));
          }
        },
        1,
        TimeUnit.SECONDS);
    return true;
  }

  public void start() {
    long renewEvery = Math.max(20, config.leaseDuration().toMillis() / 3);
    timers.scheduleWithFixedDelay(this::renewLeases, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
    try {
      cancels = backend.onCancel(queue, this::cancel);
    } catch (RuntimeException e) {
      log.warn(
          "Cannot hear cancellation requests for queue '{}'; its jobs run to their end: {}",
          queue,
          e.getMessage());
    }
    acker.start();
    fetcher.start();
  }

  /** Stops leasing new jobs; running ones go on. */
  public void stopFetching() {
    fetching = false;
    // Interrupt only a blocking wait: an interrupted fetch could lease jobs nobody then runs.
    if (awaiting) {
      fetcher.interrupt();
    }
  }

  /**
   * Waits until {@code deadline} for running jobs to finish, returns the rest to waiting, sends the
   * last acknowledgements and stops every thread.
   */
  public void awaitStop(Instant deadline) throws InterruptedException {
    stopFetching();
    fetcher.join(Math.max(1, Duration.between(clock.instant(), deadline).toMillis()));
    // Prefetched jobs that have not started go back at once instead of running now.
    List<String> unfinished = new ArrayList<>();
    for (RunningJob run : running.values()) {
      if (run.claimUnstarted()) {
        unfinished.add(run.id());
        capacity.release();
      }
    }
    while (running.values().stream().anyMatch(r -> !r.isClaimed())
        && clock.instant().isBefore(deadline)) {
      Thread.sleep(10);
    }
    // Jobs a round trip under way leases must be known before the rest is returned.
    while (cyclesInFlight.get() > 0 && clock.instant().isBefore(deadline)) {
      Thread.sleep(5);
    }
    for (RunningJob run : running.values()) {
      if (run.claim()) {
        run.cancel(RunningJob.Cancel.SHUTDOWN);
        unfinished.add(run.id());
        capacity.release();
      }
    }
    acking = false;
    acker.join(Math.max(1000, config.shutdownGrace().toMillis()));
    if (!unfinished.isEmpty()) {
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
    unfinished.forEach(running::remove);
    timers.shutdownNow();
    if (cancels != null) {
      try {
        cancels.close();
      } catch (Exception e) {
        log.debug("Closing the cancellation subscription of queue '{}' failed", queue, e);
      }
    }
  }

  private void fetchLoop() {
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
          launch(job);
        }
        fetched.events().forEach(events::local);
        if (got < asked) {
          // The queue ran dry: block until an add signals work, a delayed job falls due, or it
          // is time to look for expired leases.
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

  private Duration idleWait(Instant nextDelayed) {
    Duration wait = config.stalledInterval();
    if (nextDelayed != null) {
      Duration untilDue = Duration.between(clock.instant(), nextDelayed);
      if (untilDue.compareTo(wait) < 0) {
        wait = untilDue.isNegative() ? Duration.ZERO : untilDue;
      }
    }
    return wait;
  }

  private void launch(LeasedJob job) {
    RunningJob run = new RunningJob(job);
    running.put(job.id(), run);
    // The lease stays counted until the acker reports the outcome and refills it; the handler
    // slot is free again as soon as the handler returns, for a prefetched job to take.
    ready.add(run);
    startReady();
  }

  /**
   * Starts ready runs in the order they were leased while handler slots are free. Called after
   * every launch and every finished handler, so a ready run always finds the slot that frees.
   */
  private void startReady() {
    while (!ready.isEmpty() && slots.tryAcquire()) {
      RunningJob run = ready.poll();
      if (run == null) {
        slots.release();
      } else {
        handlerThreads.newThread(() -> runHandler(run)).start();
      }
    }
  }

  private void runHandler(RunningJob run) {
    try {
      if (run.begin()) {
        runner.run(run, inbox::add);
      }
    } catch (Throwable e) {
      if (run.claim()) {
        inbox.add(new Ack.Fail(run.id(), JobRunner.describe(e), false, Retention.keepAll()));
      }
    } finally {
      run.finished();
      slots.release();
      startReady();
    }
  }

  /** A round trip that came back: what it carried, and its reply or failure. */
  private record CycleDone(
      List<Ack> batch, int extra, int prefetch, Fetched result, Throwable error) {}

  /**
   * Sends finished runs' outcomes in batches, with up to {@value #MAX_CYCLES_IN_FLIGHT} round trips
   * under way, so the backend works on one batch while this process runs the jobs of another.
   * Replies come back through the same inbox as outcomes, so only this thread touches the batch.
   */
  private void ackLoop() {
    RetryPause retry = new RetryPause();
    List<Ack> batch = new ArrayList<>();
    while (acking || cyclesInFlight.get() > 0 || !inbox.isEmpty() || !batch.isEmpty()) {
      try {
        boolean canSend = maySend(batch);
        Object item =
            batch.isEmpty() || !canSend ? inbox.poll(50, TimeUnit.MILLISECONDS) : inbox.poll();
        while (item != null) {
          if (item instanceof CycleDone done) {
            settle(done, batch, retry);
          } else {
            batch.add((Ack) item);
          }
          item = batch.size() < MAX_ACK_BATCH ? inbox.poll() : null;
        }
        if (maySend(batch)) {
          send(batch);
          batch = new ArrayList<>();
        }
      } catch (InterruptedException e) {
        if (!acking && cyclesInFlight.get() == 0) {
          break;
        }
      }
    }
  }

  /**
   * A batch goes out when no round trip is under way, or beside one when it holds half the worker's
   * slots: a second trip per handful of jobs would cost the backend more than it saves.
   */
  private boolean maySend(List<Ack> batch) {
    int under = cyclesInFlight.get();
    if (batch.isEmpty() || under >= MAX_CYCLES_IN_FLIGHT) {
      return false;
    }
    return under == 0 || batch.size() >= Math.max(1, config.defaults().concurrency() / 2);
  }

  private void send(List<Ack> batch) {
    // Refill the finished runs' slots, and any free ones, in the same round trip.
    int extra = fetching ? capacity.drainPermits() : 0;
    int ahead = fetching ? prefetch.take() : 0;
    int want = fetching ? batch.size() + extra + ahead : 0;
    cyclesInFlight.incrementAndGet();
    CompletableFuture<Fetched> reply;
    try {
      reply = backend.acknowledgeAndFetch(queue, lease, batch, want);
    } catch (RuntimeException e) {
      reply = CompletableFuture.failedFuture(e);
    }
    reply.whenComplete(
        (result, error) -> inbox.add(new CycleDone(batch, extra, ahead, result, error)));
  }

  private void settle(CycleDone done, List<Ack> pending, RetryPause retry) {
    cyclesInFlight.decrementAndGet();
    if (done.error() != null) {
      prefetch.failed(done.prefetch());
      capacity.release(done.extra());
      Throwable error =
          done.error() instanceof CompletionException c && c.getCause() != null
              ? c.getCause()
              : done.error();
      if (!acking) {
        log.warn(
            "Dropping {} acknowledgement(s) of queue '{}' at shutdown: {}",
            done.batch().size(),
            queue,
            error.getMessage());
        done.batch().forEach(a -> running.remove(a.id()));
        capacity.release(done.batch().size());
        return;
      }
      // Send them again with the next batch, after a pause that grows while the backend is down.
      pending.addAll(0, done.batch());
      retry.failed(
          "acknowledge jobs of queue '" + queue + "'",
          error instanceof RuntimeException r ? r : new IllegalStateException(error));
      return;
    }
    retry.reset();
    Fetched result = done.result();
    for (Ack ack : done.batch()) {
      RunningJob run = running.remove(ack.id());
      if (!result.refused().contains(ack.id())) {
        reported(ack, run);
      } else {
        log.warn(
            "Job {} of queue '{}' finished here, but this worker no longer holds its lease (it"
                + " ran past the lease or the worker was cut off from the backend), so the"
                + " outcome was refused; the job's current owner decides it",
            ack.id(),
            queue);
      }
    }
    capacity.release(
        prefetch.settled(
            done.batch().size() + done.extra(), done.prefetch(), result.jobs().size()));
    for (LeasedJob job : result.jobs()) {
      launch(job);
    }
    result.events().forEach(events::local);
  }

  /** Counts a recorded outcome and tells the listeners. */
  private void reported(Ack ack, RunningJob run) {
    if (run == null) {
      return;
    }
    metrics.finished(ack instanceof Ack.Complete, run.runNanos());
    prefetch.ran(run.runNanos());
    String name = run.job.name();
    int attempt = run.job.attempt();
    switch (ack) {
      case Ack.Complete c ->
          events.local(
              new JobEvent(
                  JobEvent.Type.COMPLETED, queue, c.id(), name, attempt, c.result(), null));
      case Ack.Retry r ->
          events.local(
              new JobEvent(
                  JobEvent.Type.RETRYING, queue, r.id(), name, attempt, null, r.failure()));
      case Ack.Fail f -> {
        if (f.dead()) {
          events.local(
              new JobEvent(JobEvent.Type.DEAD, queue, f.id(), name, attempt, null, f.failure()));
        }
        events.local(
            new JobEvent(JobEvent.Type.FAILED, queue, f.id(), name, attempt, null, f.failure()));
      }
    }
  }

  private void renewLeases() {
    if (running.isEmpty()) {
      return;
    }
    List<String> ids = new ArrayList<>(running.keySet());
    try {
      Set<String> lost = backend.renew(queue, token, ids, config.leaseDuration());
      for (String id : lost) {
        RunningJob run = running.get(id);
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

  private static Thread platform(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }
}
