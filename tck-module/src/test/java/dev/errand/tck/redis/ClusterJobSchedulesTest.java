package dev.errand.tck.redis;

import dev.errand.cron.spi.ScheduleStore;
import dev.errand.tck.schedules.JobSchedulesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runtime schedules over the Redis store on a Redis Cluster. */
class ClusterJobSchedulesTest extends JobSchedulesContract {

  @RegisterExtension final TestRedis redis = TestRedis.onCluster();

  @Override
  protected ScheduleStore createStore() {
    return redis.scheduleStore();
  }
}
