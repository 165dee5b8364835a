package dev.errand.tck.redis;

import dev.errand.queue.spi.QueueBackend;
import dev.errand.tck.queue.WorkflowFailureContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisWorkflowFailureTest extends WorkflowFailureContract {

  @RegisterExtension final TestRedis redis = new TestRedis();

  @Override
  protected QueueBackend createBackend() {
    return redis.queueBackend();
  }
}
