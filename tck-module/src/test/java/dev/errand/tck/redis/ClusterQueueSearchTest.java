package dev.errand.tck.redis;

import dev.errand.queue.spi.QueueBackend;
import dev.errand.tck.queue.QueueSearchContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis backend on a three-master Redis Cluster. */
class ClusterQueueSearchTest extends QueueSearchContract {

  @RegisterExtension final TestRedis redis = TestRedis.onCluster();

  @Override
  protected QueueBackend createBackend() {
    return redis.queueBackend();
  }
}
