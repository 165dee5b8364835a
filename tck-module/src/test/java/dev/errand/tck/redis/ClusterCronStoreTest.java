package dev.errand.tck.redis;

import dev.errand.cron.spi.CronStore;
import dev.errand.tck.cron.CronStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis cron store on a Redis Cluster: each job's keys live in one slot of their own. */
class ClusterCronStoreTest extends CronStoreContract {

  @RegisterExtension final TestRedis redis = TestRedis.onCluster();

  @Override
  protected CronStore createStore() {
    return redis.cronStore();
  }
}
