package dev.errand.cron.cluster;

import dev.errand.cron.backend.JdbcBackend;
import dev.errand.cron.backend.StoreBackend;

class H2ExactlyOnceTest extends ExactlyOnceContract {

  @Override
  StoreBackend newBackend() {
    return JdbcBackend.h2();
  }
}
