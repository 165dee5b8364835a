package dev.errand.tck.local;

import dev.errand.cron.internal.local.LocalCronStore;
import dev.errand.cron.spi.CronStore;
import dev.errand.tck.cron.CronStoreContract;

class LocalCronStoreTest extends CronStoreContract {

  /** The whole of this process's cron state: every store of the test is this one. */
  private final LocalCronStore store = new LocalCronStore();

  @Override
  protected CronStore createStore() {
    return store;
  }
}
