package dev.errand.tck.redis;

import dev.errand.queue.spi.QueueBackend;
import dev.errand.tck.queue.WorkflowFailureContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failed workflow steps on a three-master Redis Cluster: a workflow and its queue in other slots.
 */
class ClusterWorkflowFailureTest extends WorkflowFailureContract {

  @RegisterExtension final TestRedis redis = TestRedis.onCluster();

  @Override
  protected QueueBackend createBackend() {
    return redis.queueBackend();
  }
}
