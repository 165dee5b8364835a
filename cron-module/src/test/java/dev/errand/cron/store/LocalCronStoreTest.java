package dev.errand.cron.store;

import dev.errand.cron.internal.local.LocalCronStore;
import dev.errand.cron.spi.CronStore;

class LocalCronStoreTest extends CronStoreContract {

  private LocalCronStore shared;

  @Override
  CronStore newStore() {
    // In-process only: every scheduler of the process shares the one store.
    if (shared == null) {
      shared = new LocalCronStore();
    }
    return shared;
  }
}
