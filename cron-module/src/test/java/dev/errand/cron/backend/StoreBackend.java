package dev.errand.cron.backend;

import dev.errand.cron.spi.CronStore;

/**
 * One backend for a test (a Redis key prefix, a database): every store it hands out has its own
 * connections but shares the backend's data, as separate instances of an application would.
 */
public interface StoreBackend extends AutoCloseable {

  CronStore newStore();

  /** Closes the connections and removes the test's data. */
  @Override
  void close();
}
