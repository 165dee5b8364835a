package dev.errand.cron.store;

import dev.errand.cron.backend.RedisBackend;
import dev.errand.cron.backend.StoreBackend;

class RedisCronStoreTest extends CronStoreContract {

  @Override
  StoreBackend newBackend() {
    return new RedisBackend();
  }
}
