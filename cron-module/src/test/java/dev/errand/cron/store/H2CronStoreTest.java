package dev.errand.cron.store;

import dev.errand.cron.backend.JdbcBackend;
import dev.errand.cron.backend.StoreBackend;

class H2CronStoreTest extends CronStoreContract {

  @Override
  StoreBackend newBackend() {
    return JdbcBackend.h2();
  }
}
