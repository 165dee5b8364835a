package dev.errand.devtools;

import java.util.Map;

/** {@link WorkflowsApiContract} on the shared Redis, under a key prefix of its own. */
class RedisWorkflowsApiTest extends WorkflowsApiContract {

  private final Map<String, String> backend = redisBackend();

  @Override
  Map<String, String> backend() {
    return backend;
  }
}
