package dev.errand.tck.redis;

import dev.errand.queue.spi.QueueBackend;
import dev.errand.tck.queue.WorkflowContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisWorkflowTest extends WorkflowContract {

  @RegisterExtension final TestRedis redis = new TestRedis();

  @Override
  protected QueueBackend createBackend() {
    return redis.queueBackend();
  }
}
