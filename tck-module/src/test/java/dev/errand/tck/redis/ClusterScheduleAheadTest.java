package dev.errand.tck.redis;

import dev.errand.cron.spi.ScheduleStore;
import dev.errand.tck.schedules.ScheduleAheadContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis schedule store on a Redis Cluster: all its keys share one slot. */
class ClusterScheduleAheadTest extends ScheduleAheadContract {

  @RegisterExtension final TestRedis redis = TestRedis.onCluster();

  @Override
  protected ScheduleStore createStore() {
    return redis.scheduleStore();
  }
}
