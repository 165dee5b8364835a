package dev.errand.devtools;

import dev.errand.core.ErrandRedis;
import dev.errand.testsupport.TestServers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The schedules, workflows and bulk API on the shared Redis, under a key prefix of its own. */
class RedisSchedulesWorkflowsApiTest extends SchedulesWorkflowsApiContract {

  private final String prefix = TestServers.unique("devtools-sw");

  @Override
  Map<String, String> backend() {
    return Map.of(
        "JOBS_BACKEND", "redis", "REDIS_URL", TestServers.redisUrl(), "JOBS_KEY_PREFIX", prefix);
  }

  @Override
  @AfterEach
  void stop() {
    var redis = dash.app.get(ErrandRedis.class).commands();
    List<String> keys = redis.keys(prefix + ":*");
    if (!keys.isEmpty()) {
      redis.del(keys.toArray(String[]::new));
    }
    super.stop();
  }
}
