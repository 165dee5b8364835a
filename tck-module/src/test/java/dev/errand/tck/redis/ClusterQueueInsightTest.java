package dev.errand.tck.redis;

import dev.errand.queue.spi.QueueBackend;
import dev.errand.tck.queue.QueueInsightContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis backend on a three-master Redis Cluster. */
class ClusterQueueInsightTest extends QueueInsightContract {

  @RegisterExtension final TestRedis redis = TestRedis.onCluster();

  @Override
  protected QueueBackend createBackend() {
    return redis.queueBackend();
  }
}
