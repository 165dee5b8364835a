package dev.errand.devtools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.core.ErrandRedis;
import dev.errand.devtools.fixtures.DashProcessor;
import dev.errand.testsupport.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A dashboard application on one backend, which each subclass names, for the tests of the JSON API
 * behind the pages.
 */
abstract class DashboardApiContract {

  static final String XSS = "<img src=x onerror=alert(1)>";
  static final String Q = DashProcessor.QUEUE;

  DashboardApp dash;

  /** The settings that choose the backend. */
  abstract Map<String, String> backend();

  /** The shared Redis under a key prefix of the test's own, which {@link #stop} deletes. */
  static Map<String, String> redisBackend() {
    return Map.of(
        "JOBS_BACKEND",
        "redis",
        "REDIS_URL",
        TestServers.redisUrl(),
        "JOBS_KEY_PREFIX",
        TestServers.unique("devtools-api"));
  }

  @BeforeEach
  void start() {
    dash = new DashboardApp(backend());
  }

  @AfterEach
  void stop() {
    String prefix = backend().get("JOBS_KEY_PREFIX");
    if ("redis".equals(backend().get("JOBS_BACKEND")) && prefix != null) {
      var redis = dash.app.get(ErrandRedis.class).commands();
      List<String> keys = redis.keys(prefix + ":*");
      if (!keys.isEmpty()) {
        redis.del(keys.toArray(String[]::new));
      }
    }
    dash.close();
  }

  long count(String state) {
    return dash.get("/api/queues/" + Q).tree().path("counts").path(state).asLong();
  }

  String stepState(String workflow, String step) {
    for (JsonNode s : dash.get("/api/workflows/" + workflow).tree().path("steps")) {
      if (s.path("id").asText().equals(step)) {
        return s.path("state").asText();
      }
    }
    throw new AssertionError("workflow " + workflow + " has no step " + step);
  }

  static List<String> ids(JsonNode rows) {
    List<String> ids = new ArrayList<>();
    rows.forEach(r -> ids.add(r.path("id").asText()));
    return ids;
  }
}
