package dev.errand.tck.redis;

import dev.errand.queue.spi.QueueBackend;
import dev.errand.tck.queue.QueueFlowContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisQueueFlowTest extends QueueFlowContract {

  @RegisterExtension final TestRedis redis = new TestRedis();

  @Override
  protected QueueBackend createBackend() {
    return redis.queueBackend();
  }
}
