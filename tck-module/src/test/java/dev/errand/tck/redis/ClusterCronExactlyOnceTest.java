package dev.errand.tck.redis;

import dev.errand.cron.spi.CronStore;
import dev.errand.tck.cron.CronClusterContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three instances sharing the Redis cron store on a Redis Cluster: every tick runs once. */
class ClusterCronExactlyOnceTest extends CronClusterContract {

  @RegisterExtension final TestRedis redis = TestRedis.onCluster();

  @Override
  protected CronStore createStore() {
    return redis.cronStore();
  }
}
