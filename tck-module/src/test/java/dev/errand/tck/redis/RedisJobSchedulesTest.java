package dev.errand.tck.redis;

import dev.errand.cron.spi.ScheduleStore;
import dev.errand.tck.schedules.JobSchedulesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisJobSchedulesTest extends JobSchedulesContract {

  @RegisterExtension final TestRedis redis = new TestRedis();

  @Override
  protected ScheduleStore createStore() {
    return redis.scheduleStore();
  }
}
