package dev.errand.cron.store;

import dev.errand.cron.backend.JdbcBackend;
import dev.errand.cron.backend.StoreBackend;

class PostgresCronStoreTest extends CronStoreContract {

  @Override
  StoreBackend newBackend() {
    return JdbcBackend.postgres();
  }
}
