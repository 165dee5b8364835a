package dev.errand.queue.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one timer thread every worker of a process shares, for lease renewals, handler timeouts and
 * cancellation deadlines. A queue used to cost two timer threads of its own; a process consuming
 * hundreds of queues ran out of threads before its backend was busy.
 *
 * <p>The timer thread only starts tasks: each runs on a virtual thread of its own, so a slow
 * renewal round trip or a user's {@code onCancel} action in one queue cannot delay another queue's
 * renewals or timeouts.
 */
final class QueueTimers implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(QueueTimers.class);

  private final ScheduledThreadPoolExecutor executor;
  private final ThreadFactory tasks = Thread.ofVirtual().name("errand-queue-timer-task").factory();

  QueueTimers() {
    executor =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().daemon().name("errand-queue-timer").factory());
    // Most timeouts are cancelled when their job ends; without this they would stay queued.
    executor.setRemoveOnCancelPolicy(true);
  }

  /** Runs {@code task} once, on a virtual thread, after {@code delayMillis}. */
  ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
    return executor.schedule(() -> start(task), delayMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Runs {@code task} every {@code periodMillis} while {@code needed} says so, each time on a
   * virtual thread; a run still under way when the next is due makes that one skip, so a slow
   * backend never piles runs up. {@code needed} is asked on the timer thread and must be quick: it
   * spares hundreds of idle queues a thread start each period.
   */
  ScheduledFuture<?> every(Runnable task, long periodMillis, BooleanSupplier needed) {
    AtomicBoolean running = new AtomicBoolean();
    Runnable once =
        () -> {
          try {
            task.run();
          } finally {
            running.set(false);
          }
        };
    return executor.scheduleWithFixedDelay(
        () -> {
          if (needed.getAsBoolean() && running.compareAndSet(false, true)) {
            start(once);
          }
        },
        periodMillis,
        periodMillis,
        TimeUnit.MILLISECONDS);
  }

  private void start(Runnable task) {
    tasks
        .newThread(
            () -> {
              try {
                task.run();
              } catch (RuntimeException e) {
                log.warn("A queue timer task failed", e);
              }
            })
        .start();
  }

  /** Stops the timer thread; tasks already started run on. */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
