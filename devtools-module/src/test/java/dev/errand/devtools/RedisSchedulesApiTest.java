package dev.errand.devtools;

import java.util.Map;

/** {@link SchedulesApiContract} on the shared Redis, under a key prefix of its own. */
class RedisSchedulesApiTest extends SchedulesApiContract {

  private final Map<String, String> backend = redisBackend();

  @Override
  Map<String, String> backend() {
    return backend;
  }
}
