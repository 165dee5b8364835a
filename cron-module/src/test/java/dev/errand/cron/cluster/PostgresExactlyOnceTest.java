package dev.errand.cron.cluster;

import dev.errand.cron.backend.JdbcBackend;
import dev.errand.cron.backend.StoreBackend;

class PostgresExactlyOnceTest extends ExactlyOnceContract {

  @Override
  StoreBackend newBackend() {
    return JdbcBackend.postgres();
  }
}
