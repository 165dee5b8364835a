package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.core.ErrandRedis;
import dev.errand.devtools.fixtures.DashProcessor;
import dev.errand.testsupport.TestServers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The queue section on the production backend: the shared Redis, under a key prefix of its own. */
class RedisQueueDashboardTest {

  private static final String Q = DashProcessor.QUEUE;

  @Test
  void shouldShowCountsAndRetryAFailedJobOnRedis() {
    String prefix = TestServers.unique("devtools");
    Map<String, String> redis =
        Map.of(
            "JOBS_BACKEND",
            "redis",
            "REDIS_URL",
            TestServers.redisUrl(),
            "JOBS_KEY_PREFIX",
            prefix,
            // This test is about the dashboard's counts and retry, not wake-ups: an idle worker
            // also looks every second, so a late wake-up (seen twice in full runs, not alone)
            // cannot fail it. The wake-up itself is held by the queue suites.
            "JOBS_IDLE_CHECK_INTERVAL",
            "1s");
    try (DashboardApp dash = new DashboardApp(redis)) {
      String id = dash.queue().add(Q, "flaky", Map.of("note", "on redis"));
      await().atMost(10, TimeUnit.SECONDS).until(() -> count(dash, "failed") == 1);

      JsonNode job = dash.get("/api/queues/" + Q + "/jobs/" + id).tree();
      assertThat(job.path("failure").path("message").asText()).isEqualTo("refused on redis");
      assertThat(dash.get("/api/health").tree().toString()).contains("Redis");

      dash.switches.failing.set(false);
      assertThat(dash.post("/api/queues/" + Q + "/jobs/" + id + "/retry").status()).isEqualTo(200);
      await().atMost(10, TimeUnit.SECONDS).until(() -> count(dash, "completed") == 1);
      assertThat(count(dash, "failed")).isZero();

      var redisCommands = dash.app.get(ErrandRedis.class).commands();
      List<String> keys = redisCommands.keys(prefix + ":*");
      if (!keys.isEmpty()) {
        redisCommands.del(keys.toArray(String[]::new));
      }
    }
  }

  private static long count(DashboardApp dash, String state) {
    return dash.get("/api/queues/" + Q).tree().path("counts").path(state).asLong();
  }
}
