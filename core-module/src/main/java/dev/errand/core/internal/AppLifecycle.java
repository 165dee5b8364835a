package dev.errand.core.internal;

import com.google.inject.Injector;
import dev.errand.core.ErrandStartupException;
import dev.errand.core.spi.Adapter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts adapters in order and stops them in reverse. A start that fails part way stops what had
 * started before rethrowing, so no half-started application is left behind. Stop runs once.
 */
public final class AppLifecycle {

  private static final Logger log = LoggerFactory.getLogger(AppLifecycle.class);

  private final List<Adapter> adapters;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private boolean stopped;

  public AppLifecycle(List<Adapter> adapters) {
    this.adapters = List.copyOf(adapters);
  }

  /** Registers a resource to close after every adapter has stopped (shared clients, say). */
  public void closeLast(AutoCloseable resource) {
    lock.lock();
    try {
      started.addLast(resource);
    } finally {
      lock.unlock();
    }
  }

  public void start(Injector injector) {
    lock.lock();
    try {
      for (Adapter adapter : adapters) {
        long begin = System.nanoTime();
        try {
          adapter.start(injector);
        } catch (Exception | LinkageError e) {
          ErrandStartupException failure =
              new ErrandStartupException(adapter.name() + " failed to start: " + e.getMessage(), e);
          // The failing adapter may have acquired something before it failed (a pool, a
          // thread), so it is stopped too, first, then everything that started before it.
          started.addFirst(() -> stopOne(adapter));
          stopStarted(failure);
          throw failure;
        }
        started.addFirst(() -> stopOne(adapter));
        log.info("{} started in {} ms", adapter.name(), (System.nanoTime() - begin) / 1_000_000);
      }
      for (Adapter adapter : adapters) {
        try {
          adapter.ready(injector);
        } catch (Exception e) {
          ErrandStartupException failure =
              new ErrandStartupException(
                  adapter.name() + " failed once the application was up: " + e.getMessage(), e);
          stopStarted(failure);
          throw failure;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Stops every started adapter in reverse order; later calls do nothing. */
  public void stop() {
    lock.lock();
    try {
      if (stopped) {
        return;
      }
      RuntimeException failures = new RuntimeException("Errors while stopping the application");
      stopStarted(failures);
      if (failures.getSuppressed().length > 0) {
        log.error("Stopping the application reported errors", failures);
      }
    } finally {
      lock.unlock();
    }
  }

  private static void stopOne(Adapter adapter) throws Exception {
    try {
      adapter.stop();
      log.info("{} stopped", adapter.name());
    } catch (Exception e) {
      throw new Exception(adapter.name() + " failed to stop: " + e.getMessage(), e);
    }
  }

  private void stopStarted(Throwable collector) {
    stopped = true;
    while (!started.isEmpty()) {
      AutoCloseable next = started.pollFirst();
      try {
        next.close();
      } catch (Exception e) {
        collector.addSuppressed(e);
      }
    }
  }
}
