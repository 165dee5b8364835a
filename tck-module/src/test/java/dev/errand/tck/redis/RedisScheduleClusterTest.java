package dev.errand.tck.redis;

import dev.errand.cron.spi.ScheduleStore;
import dev.errand.tck.schedules.ScheduleClusterContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisScheduleClusterTest extends ScheduleClusterContract {

  @RegisterExtension final TestRedis redis = new TestRedis();

  @Override
  protected ScheduleStore createStore() {
    return redis.scheduleStore();
  }
}
