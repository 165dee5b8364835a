package dev.errand.tck.redis;

import dev.errand.queue.spi.QueueBackend;
import dev.errand.tck.queue.WorkflowContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Workflows on a three-master Redis Cluster: a workflow's steps and its queue in other slots. */
class ClusterWorkflowTest extends WorkflowContract {

  @RegisterExtension final TestRedis redis = TestRedis.onCluster();

  @Override
  protected QueueBackend createBackend() {
    return redis.queueBackend();
  }
}
