package dev.errand.queue.internal;

import dev.errand.queue.spi.LeasedJob;
import dev.errand.queue.spi.RunInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.LoggerFactory;

/**
 * A leased job inside one worker, from fetch until its outcome is acknowledged: the thread running
 * it and why it may have to stop.
 */
final class RunningJob {

  /** Why a run was cancelled. */
  enum Cancel {
    TIMEOUT,
    LEASE_LOST,
    SHUTDOWN,
    CANCELLED
  }

  final LeasedJob job;

  /** The job's attempts in all, once its options are read; for the outcome's log line. */
  volatile int maxAttempts;

  private Thread thread;
  private Cancel cancelled;
  private boolean finished;
  private boolean claimed;
  private boolean begun;
  private long startNanos;
  private long runNanos;
  private long startedMillis;
  private final List<Runnable> onCancel = new ArrayList<>();
  private final List<ScheduledFuture<?>> timers = new ArrayList<>();

  RunningJob(LeasedJob job) {
    this.job = job;
  }

  String id() {
    return job.id();
  }

  synchronized void started(Thread thread) {
    this.thread = thread;
    startNanos = System.nanoTime();
    startedMillis = System.currentTimeMillis();
    if (cancelled != null) {
      thread.interrupt();
    }
  }

  synchronized void timer(ScheduledFuture<?> task) {
    timers.add(task);
  }

  /** Marks the handler done; later cancellations no longer interrupt anything. */
  synchronized void finished() {
    if (!finished && startNanos != 0) {
      runNanos = System.nanoTime() - startNanos;
    }
    finished = true;
    thread = null;
    timers.forEach(t -> t.cancel(false));
    timers.clear();
  }

  /**
   * Lets the handler start, unless shutdown already took a prefetched job back: then it must not
   * run here.
   */
  synchronized boolean begin() {
    if (claimed) {
      return false;
    }
    begun = true;
    return true;
  }

  /** Takes a prefetched job that has not begun back for shutdown; false once it has begun. */
  synchronized boolean claimUnstarted() {
    if (begun || claimed) {
      return false;
    }
    claimed = true;
    cancelled = Cancel.SHUTDOWN;
    return true;
  }

  /**
   * Takes the right to decide the run's outcome. Exactly one of the handler's return, the timeout
   * giving up on a handler that ignores interruption, and shutdown gets it; the others drop theirs.
   */
  synchronized boolean claim() {
    if (claimed) {
      return false;
    }
    claimed = true;
    return true;
  }

  /** How long the handler ran, in nanoseconds (0 when it never started). */
  synchronized long runNanos() {
    return runNanos;
  }

  /** When the handler started, in epoch milliseconds (0 when it has not). */
  synchronized long startedMillis() {
    return startedMillis;
  }

  /**
   * How the run went, for its acknowledgement: run time so far for a handler still going (one given
   * up on), zero for a run that never reached its handler.
   */
  synchronized RunInfo runInfo(Instant now, String worker) {
    long nanos = runNanos != 0 ? runNanos : startNanos != 0 ? System.nanoTime() - startNanos : 0;
    Duration took = Duration.ofNanos(nanos);
    return new RunInfo(now.minus(took), took, worker);
  }

  synchronized boolean isClaimed() {
    return claimed;
  }

  synchronized Cancel cancelled() {
    return cancelled;
  }

  /** Cancels the run for {@code reason} unless it is already cancelled or finished. */
  void cancel(Cancel reason) {
    List<Runnable> actions;
    synchronized (this) {
      if (cancelled != null || finished) {
        return;
      }
      cancelled = reason;
      actions = List.copyOf(onCancel);
      onCancel.clear();
      if (thread != null) {
        thread.interrupt();
      }
    }
    actions.forEach(RunningJob::runQuietly);
  }

  void onCancel(Runnable action) {
    synchronized (this) {
      if (cancelled == null) {
        onCancel.add(action);
        return;
      }
    }
    runQuietly(action);
  }

  private static void runQuietly(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(RunningJob.class).warn("An onCancel action failed", e);
    }
  }
}
