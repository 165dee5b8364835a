package dev.errand.cron.cluster;

import dev.errand.cron.backend.RedisBackend;
import dev.errand.cron.backend.StoreBackend;

class RedisExactlyOnceTest extends ExactlyOnceContract {

  @Override
  StoreBackend newBackend() {
    return new RedisBackend();
  }
}
