package dev.errand.queue.contract;

import dev.errand.core.ErrandApp;
import dev.errand.queue.QueueAdmin;
import dev.errand.testsupport.TestServers;
import java.util.Map;

class RedisQueueContractTest extends QueueContractTest {

  @Override
  protected Map<String, String> backendSettings() {
    return Map.of("JOBS_PROVIDER", "redis", "REDIS_URL", TestServers.redisUrl());
  }

  @Override
  protected QueueAdmin adminAfterStop(ErrandApp stopped) {
    return start(Map.of("JOBS_ENABLED", "false")).get(QueueAdmin.class);
  }
}
