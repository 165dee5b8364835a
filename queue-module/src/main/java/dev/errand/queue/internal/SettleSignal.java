package dev.errand.queue.internal;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Wakes a stopping worker whenever one of its runs gets an outcome or a round trip comes back, so
 * stopping waits for exactly that instead of polling. Until somebody waits, {@link #settled} costs
 * one volatile read: it runs once per finished job.
 */
final class SettleSignal {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private volatile boolean watched;

  /** Something a waiter may be waiting for has happened. */
  void settled() {
    if (watched) {
      lock.lock();
      try {
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Waits until {@code done} holds or {@link System#nanoTime()} reaches {@code deadlineNanos};
   * {@code done} is checked again after every {@link #settled}.
   *
   * @return whether {@code done} held in time
   */
  boolean await(BooleanSupplier done, long deadlineNanos) throws InterruptedException {
    // Set before the first check: a change made after the check then finds it and signals.
    watched = true;
    lock.lock();
    try {
      while (!done.getAsBoolean()) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }
}
