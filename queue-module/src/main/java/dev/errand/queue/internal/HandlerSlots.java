package dev.errand.queue.internal;

import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.LeasedJob;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Holds a worker's leased runs from fetch until their outcome is acknowledged, and starts them in
 * lease order on virtual threads, at most the queue's concurrency at once. Handlers run on virtual
 * threads so none of them can starve the worker's own platform threads.
 */
final class HandlerSlots {

  private final JobRunner runner;
  private final Outcomes outcomes;
  private final Consumer<Ack> outcome;
  private final ThreadFactory handlerThreads;

  /** Handlers that may run at once: the queue's concurrency. */
  private final Semaphore slots;

  /** Leased runs waiting for a handler slot, in lease order. */
  private final ConcurrentLinkedQueue<RunningJob> ready = new ConcurrentLinkedQueue<>();

  private final Map<String, RunningJob> running = new ConcurrentHashMap<>();

  /**
   * Jobs a round trip leased whose reply waits for the acknowledger, which may be busy sending the
   * next batch (a workflow step's settling runs in line): leased here, not launched yet, and
   * renewed all the same, or another worker would run them when their lease ran out.
   */
  private final Set<String> arriving = ConcurrentHashMap.newKeySet();

  /**
   * @param outcome where a run's outcome goes once its handler is done
   */
  HandlerSlots(WorkerContext context, JobRunner runner, Outcomes outcomes, Consumer<Ack> outcome) {
    this.runner = runner;
    this.outcomes = outcomes;
    this.outcome = outcome;
    this.slots = new Semaphore(context.config().defaults().concurrency());
    this.handlerThreads = Thread.ofVirtual().name("errand-job-" + context.queue()).factory();
  }

  /** Notes jobs just leased for this worker, to renew until {@link #launch} takes them. */
  void arriving(List<LeasedJob> jobs) {
    for (LeasedJob job : jobs) {
      arriving.add(job.id());
    }
  }

  /** Takes a leased job and starts it as soon as a slot is free. */
  void launch(LeasedJob job) {
    RunningJob run = new RunningJob(job);
    running.put(job.id(), run);
    // Held before it stops arriving, so no renewal misses it in between.
    arriving.remove(job.id());
    // The lease stays counted until the acknowledger reports the outcome and refills it; the
    // handler slot is free again as soon as the handler returns, for a prefetched job to take.
    ready.add(run);
    startReady();
  }

  /** The held run of job {@code id}, or null. */
  RunningJob get(String id) {
    return running.get(id);
  }

  /** Forgets the run of job {@code id} once its outcome is recorded or dropped. */
  RunningJob remove(String id) {
    return running.remove(id);
  }

  /** Every run held now, started or not. */
  Collection<RunningJob> held() {
    return running.values();
  }

  /**
   * The ids of every job leased to this worker now, for one renewal call: held ones, whose outcome
   * may still wait for its acknowledgement, and arriving ones.
   */
  List<String> leasedIds() {
    Set<String> ids = new HashSet<>(running.keySet());
    ids.addAll(arriving);
    return List.copyOf(ids);
  }

  /** Whether this worker has any lease to renew. */
  boolean anyLeased() {
    return !running.isEmpty() || !arriving.isEmpty();
  }

  /** How many jobs this worker holds now. */
  int size() {
    return running.size();
  }

  /** Whether some held run has no outcome yet: its handler runs or waits for a slot. */
  boolean anyUnsettled() {
    for (RunningJob run : running.values()) {
      if (!run.isClaimed()) {
        return true;
      }
    }
    return false;
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
        runner.run(run, outcome);
      }
    } catch (Throwable e) {
      if (run.claim()) {
        outcome.accept(outcomes.broken(run.job, e));
      }
    } finally {
      run.finished();
      slots.release();
      startReady();
    }
  }
}
