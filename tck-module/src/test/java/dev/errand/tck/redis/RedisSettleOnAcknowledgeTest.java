package dev.errand.tck.redis;

import dev.errand.queue.spi.QueueBackend;
import dev.errand.tck.queue.SettleOnAcknowledgeContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisSettleOnAcknowledgeTest extends SettleOnAcknowledgeContract {

  @RegisterExtension final TestRedis redis = new TestRedis();

  @Override
  protected QueueBackend createBackend() {
    return redis.queueBackend();
  }
}
