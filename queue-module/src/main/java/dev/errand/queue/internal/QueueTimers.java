package dev.errand.queue.internal;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timers every worker of a process shares, for lease renewals, handler timeouts and
 * cancellation deadlines. A queue used to cost two timer threads of its own; a process consuming
 * hundreds of queues ran out of threads before its backend was busy.
 *
 * <p>One thread keeps time and only hands due tasks to up to {@value #RUNNERS} runner threads,
 * which exist while there is work: a slow renewal round trip for one queue holds one runner, not
 * the other queues' renewals and timeouts. Both are platform threads on purpose. Virtual threads
 * are not time-sliced, so handlers that compute without blocking can hold every carrier thread;
 * renewals on a virtual thread would then wait, and those handlers' leases would expire under them.
 */
final class QueueTimers implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(QueueTimers.class);

  static final int RUNNERS = 4;

  private final ScheduledThreadPoolExecutor clock;
  private final ThreadPoolExecutor runners;

  QueueTimers() {
    clock =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().daemon().name("errand-queue-timer").factory());
    // Most timeouts are cancelled when their job ends; without this they would stay queued.
    clock.setRemoveOnCancelPolicy(true);
    AtomicInteger count = new AtomicInteger();
    ThreadFactory runner =
        task ->
            Thread.ofPlatform()
                .daemon()
                .name("errand-queue-timer-" + count.incrementAndGet())
                .unstarted(task);
    runners =
        new ThreadPoolExecutor(
            RUNNERS, RUNNERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runner);
    runners.allowCoreThreadTimeOut(true);
  }

  /** Runs {@code task} once, after {@code delayMillis}. */
  ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
    return clock.schedule(() -> run(task), delayMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Runs {@code task} every {@code periodMillis} while {@code needed} says so; a run still under
   * way when the next is due makes that one skip, so a slow backend never piles runs up. {@code
   * needed} is asked on the timekeeping thread and must be quick: it spares hundreds of idle queues
   * a task each period.
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
    return clock.scheduleWithFixedDelay(
        () -> {
          if (needed.getAsBoolean() && running.compareAndSet(false, true)) {
            run(once);
          }
        },
        periodMillis,
        periodMillis,
        TimeUnit.MILLISECONDS);
  }

  private void run(Runnable task) {
    runners.execute(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            log.warn("A queue timer task failed", e);
          }
        });
  }

  /** Stops keeping time and interrupts the tasks under way. */
  @Override
  public void close() {
    clock.shutdownNow();
    runners.shutdownNow();
  }
}
