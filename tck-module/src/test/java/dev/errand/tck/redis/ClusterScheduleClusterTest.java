package dev.errand.tck.redis;

import dev.errand.cron.spi.ScheduleStore;
import dev.errand.tck.schedules.ScheduleClusterContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three instances ticking runtime schedules on a Redis Cluster. */
class ClusterScheduleClusterTest extends ScheduleClusterContract {

  @RegisterExtension final TestRedis redis = TestRedis.onCluster();

  @Override
  protected ScheduleStore createStore() {
    return redis.scheduleStore();
  }
}
