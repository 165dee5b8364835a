package dev.errand.tck.redis;

import dev.errand.queue.spi.QueueBackend;
import dev.errand.tck.queue.WorkflowRecoveryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The workflow recovery rules on a three-master Redis Cluster. */
class ClusterWorkflowRecoveryTest extends WorkflowRecoveryContract {

  @RegisterExtension final TestRedis redis = TestRedis.onCluster();

  @Override
  protected QueueBackend createBackend() {
    return redis.queueBackend();
  }
}
