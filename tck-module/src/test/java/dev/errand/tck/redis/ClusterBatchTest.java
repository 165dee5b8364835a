package dev.errand.tck.redis;

import dev.errand.queue.spi.QueueBackend;
import dev.errand.tck.queue.BatchContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Batches on a three-master Redis Cluster: a workflow's steps and its queue in other slots. */
class ClusterBatchTest extends BatchContract {

  @RegisterExtension final TestRedis redis = TestRedis.onCluster();

  @Override
  protected QueueBackend createBackend() {
    return redis.queueBackend();
  }
}
