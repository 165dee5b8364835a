package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.devtools.fixtures.DashProcessor;
import dev.errand.devtools.fixtures.SecondProcess;
import dev.errand.testsupport.ChildJvm;
import dev.errand.testsupport.TestServers;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workers page and the history charts on Redis with two processes: this test's application and
 * {@link SecondProcess} in a child JVM, which is then killed with SIGKILL.
 */
class RedisDashboardDataTest {

  private final String prefix = TestServers.unique("devtools-data");
  private DashboardApp dash;

  @BeforeEach
  void start() {
    dash =
        new DashboardApp(
            Map.of(
                "JOBS_BACKEND", "redis",
                "REDIS_URL", TestServers.redisUrl(),
                "JOBS_KEY_PREFIX", prefix,
                "JOBS_HEARTBEAT_INTERVAL", "200ms",
                "JOBS_HEARTBEAT_LEASE", "2s",
                "ERRAND_APP_NAME", "dash-app"));
  }

  @AfterEach
  void stop() {
    dash.close();
  }

  private JsonNode processes() {
    return dash.get("/api/workers").tree().path("processes");
  }

  private Set<String> apps() {
    Set<String> apps = new HashSet<>();
    processes().forEach(p -> apps.add(p.path("app").asText()));
    return apps;
  }

  private long processed(String query) {
    long total = 0;
    for (JsonNode point : dash.get("/api/metrics/history" + query).tree().path("points")) {
      total += point.path("processed").asLong();
    }
    return total;
  }

  @Test
  void shouldShowASecondProcessAndItsRunsUntilItIsKilled() {
    try (ChildJvm second = ChildJvm.start(SecondProcess.class, TestServers.redisUrl(), prefix)) {
      await()
          .atMost(60, TimeUnit.SECONDS)
          .until(() -> apps().contains(SecondProcess.APP) || !second.isAlive());
      assertThat(second.isAlive()).as("the second process runs: %s", second.logTail()).isTrue();
      assertThat(apps()).containsExactlyInAnyOrder("dash-app", SecondProcess.APP);
      JsonNode other = null;
      for (JsonNode p : processes()) {
        if (p.path("app").asText().equals(SecondProcess.APP)) {
          other = p;
        }
      }
      assertThat(other.path("pid").asLong()).isNotEqualTo(ProcessHandle.current().pid());
      assertThat(other.path("queues").get(0).path("queue").asText()).isEqualTo(SecondProcess.QUEUE);
      assertThat(other.path("queues").get(0).path("concurrency").asInt()).isEqualTo(3);

      // Each process runs jobs of its own queue; the chart of every queue shows them together.
      for (int i = 0; i < 5; i++) {
        dash.queue().add(DashProcessor.QUEUE, "echo", Map.of("n", i));
        dash.queue().add(SecondProcess.QUEUE, "echo", Map.of("n", i));
      }
      await().atMost(30, TimeUnit.SECONDS).until(() -> processed("?range=hour") == 10);
      assertThat(processed("?queue=" + SecondProcess.QUEUE)).isEqualTo(5);
      assertThat(processed("?queue=" + DashProcessor.QUEUE + "&range=day")).isEqualTo(5);
      String secondJob =
          dash.get("/api/queues/" + SecondProcess.QUEUE + "/jobs?state=completed")
              .tree()
              .path("jobs")
              .get(0)
              .path("id")
              .asText();
      JsonNode attempt =
          dash.get("/api/queues/" + SecondProcess.QUEUE + "/jobs/" + secondJob)
              .tree()
              .path("attempts")
              .get(0);
      assertThat(attempt.path("worker").asText()).endsWith("/" + other.path("pid").asLong());

      second.kill();
      long killedAt = System.nanoTime();
      await()
          .atMost(10, TimeUnit.SECONDS)
          .pollInterval(100, TimeUnit.MILLISECONDS)
          .until(() -> !apps().contains(SecondProcess.APP));
      // Gone after its 2 s lease, not before it: the last heartbeat was at most 200 ms old.
      assertThat(Duration.ofNanos(System.nanoTime() - killedAt))
          .isGreaterThanOrEqualTo(Duration.ofMillis(1500));
      assertThat(apps()).containsExactly("dash-app");
    }
  }
}
