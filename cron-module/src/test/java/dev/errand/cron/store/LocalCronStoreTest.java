package dev.errand.cron.store;

import dev.errand.cron.backend.LocalBackend;
import dev.errand.cron.backend.StoreBackend;

class LocalCronStoreTest extends CronStoreContract {

  @Override
  StoreBackend newBackend() {
    return new LocalBackend();
  }
}
