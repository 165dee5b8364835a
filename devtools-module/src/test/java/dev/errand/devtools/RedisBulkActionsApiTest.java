package dev.errand.devtools;

import java.util.Map;

/** {@link BulkActionsApiContract} on the shared Redis, under a key prefix of its own. */
class RedisBulkActionsApiTest extends BulkActionsApiContract {

  private final Map<String, String> backend = redisBackend();

  @Override
  Map<String, String> backend() {
    return backend;
  }
}
