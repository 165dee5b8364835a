package dev.errand.cron.backend;

import dev.errand.cron.internal.local.LocalCronStore;
import dev.errand.cron.spi.CronStore;

/** The in-process store: one instance is all a process has, so every call returns it. */
public final class LocalBackend implements StoreBackend {

  private final LocalCronStore store = new LocalCronStore();

  @Override
  public CronStore newStore() {
    return store;
  }

  @Override
  public void close() {}
}
