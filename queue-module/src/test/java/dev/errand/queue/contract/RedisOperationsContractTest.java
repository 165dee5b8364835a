package dev.errand.queue.contract;

import dev.errand.testsupport.TestServers;
import java.util.Map;

class RedisOperationsContractTest extends OperationsContractTest {

  @Override
  protected Map<String, String> backendSettings() {
    return Map.of("JOBS_PROVIDER", "redis", "REDIS_URL", TestServers.redisUrl());
  }
}
