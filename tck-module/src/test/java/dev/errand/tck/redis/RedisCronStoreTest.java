package dev.errand.tck.redis;

import dev.errand.cron.spi.CronStore;
import dev.errand.tck.cron.CronStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisCronStoreTest extends CronStoreContract {

  @RegisterExtension final TestRedis redis = new TestRedis();

  @Override
  protected CronStore createStore() {
    return redis.cronStore();
  }
}
