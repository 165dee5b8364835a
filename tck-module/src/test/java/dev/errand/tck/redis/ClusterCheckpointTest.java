package dev.errand.tck.redis;

import dev.errand.queue.spi.QueueBackend;
import dev.errand.tck.queue.CheckpointContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Step checkpoints on a three-master Redis Cluster. */
class ClusterCheckpointTest extends CheckpointContract {

  @RegisterExtension final TestRedis redis = TestRedis.onCluster();

  @Override
  protected QueueBackend createBackend() {
    return redis.queueBackend();
  }
}
