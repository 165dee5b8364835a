package dev.errand.tck.redis;

import dev.errand.cron.spi.CronStore;
import dev.errand.tck.cron.CronClusterContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisCronClusterTest extends CronClusterContract {

  @RegisterExtension final TestRedis redis = new TestRedis();

  @Override
  protected CronStore createStore() {
    return redis.cronStore();
  }
}
