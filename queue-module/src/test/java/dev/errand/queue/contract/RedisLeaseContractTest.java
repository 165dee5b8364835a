package dev.errand.queue.contract;

import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisSettings;
import dev.errand.queue.internal.redis.RedisBackend;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.testsupport.TestServers;
import java.time.Clock;

class RedisLeaseContractTest extends LeaseContractTest {

  private ErrandRedis redis;

  @Override
  protected QueueBackend createBackend() {
    redis = new ErrandRedis(RedisSettings.of(TestServers.redisUrl()));
    return new RedisBackend(redis, TestServers.unique("errand-test"), Clock.systemUTC());
  }

  @Override
  protected void closeBackend() {
    redis.close();
  }
}
