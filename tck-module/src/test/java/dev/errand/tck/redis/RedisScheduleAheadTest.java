package dev.errand.tck.redis;

import dev.errand.cron.spi.ScheduleStore;
import dev.errand.tck.schedules.ScheduleAheadContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisScheduleAheadTest extends ScheduleAheadContract {

  @RegisterExtension final TestRedis redis = new TestRedis();

  @Override
  protected ScheduleStore createStore() {
    return redis.scheduleStore();
  }
}
