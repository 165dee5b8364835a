package dev.errand.tck.redis;

import dev.errand.queue.spi.QueueBackend;
import dev.errand.tck.queue.BatchClusterContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Batch callbacks racing over two processes on a three-master Redis Cluster. */
class ClusterBatchClusterTest extends BatchClusterContract {

  @RegisterExtension final TestRedis redis = TestRedis.onCluster();

  @Override
  protected QueueBackend createBackend() {
    return redis.queueBackend();
  }
}
