package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.devtools.fixtures.DashProcessor;
import dev.errand.queue.JobOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data behind the history charts, the workers page, a job's attempts and payload search, on a
 * real application with the memory queue (RedisDashboardDataTest runs the same calls on Redis).
 */
class DashboardDataApiTest {

  private static final String Q = DashProcessor.QUEUE;

  private DashboardApp dash;

  @BeforeEach
  void start() {
    dash = new DashboardApp(Map.of("ERRAND_APP_NAME", "dash-app"));
  }

  @AfterEach
  void stop() {
    dash.close();
  }

  private JsonNode job(String id) {
    return dash.get("/api/queues/" + Q + "/jobs/" + id).tree();
  }

  private void awaitState(String id, String state) {
    await().atMost(10, TimeUnit.SECONDS).until(() -> job(id).path("state").asText().equals(state));
  }

  private static long sum(JsonNode points, String field) {
    long total = 0;
    for (JsonNode point : points) {
      total += point.path(field).asLong();
    }
    return total;
  }

  @Test
  void shouldChartProcessedAndFailedRunsPerMinuteWithPercentiles() {
    dash.switches.failing.set(true);
    String failed = dash.queue().add(Q, "flaky", Map.of("note", "x"));
    for (int i = 0; i < 3; i++) {
      dash.queue().add(Q, "echo", Map.of("n", i));
    }
    awaitState(failed, "failed");
    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(
            () ->
                sum(dash.get("/api/metrics/history?queue=" + Q).tree().path("points"), "processed")
                    == 4);

    JsonNode hour = dash.get("/api/metrics/history?queue=" + Q + "&range=hour").tree();
    assertThat(hour.path("queue").asText()).isEqualTo(Q);
    assertThat(hour.path("range").asText()).isEqualTo("hour");
    assertThat(hour.path("bucketSeconds").asInt()).isEqualTo(60);
    JsonNode points = hour.path("points");
    assertThat(points).hasSize(60);
    assertThat(sum(points, "failed")).isEqualTo(1);
    Instant first = Instant.parse(points.get(0).path("at").asText());
    Instant last = Instant.parse(points.get(59).path("at").asText());
    assertThat(Duration.between(first, last)).isEqualTo(Duration.ofMinutes(59));
    assertThat(last.getEpochSecond() % 60).isZero();
    JsonNode busy = null;
    for (JsonNode point : points) {
      if (point.path("processed").asLong() > 0) {
        busy = point;
      }
    }
    assertThat(busy).isNotNull();
    assertThat(busy.path("p50Ms").asDouble()).isPositive();
    assertThat(busy.path("p99Ms").asDouble()).isGreaterThanOrEqualTo(busy.path("p50Ms").asDouble());

    JsonNode day = dash.get("/api/metrics/history?range=day").tree();
    assertThat(day.path("queue").isNull()).isTrue();
    assertThat(day.path("bucketSeconds").asInt()).isEqualTo(600);
    assertThat(day.path("points")).hasSize(144);
    assertThat(sum(day.path("points"), "processed")).isEqualTo(4);

    assertThat(dash.get("/api/metrics/history?range=week").status()).isEqualTo(400);
    assertThat(dash.get("/api/metrics/history?queue=nothing-ran").tree().path("points"))
        .allSatisfy(p -> assertThat(p.path("processed").asLong()).isZero());
  }

  @Test
  void shouldListThisProcessWithItsQueuesAndRunningJobs() {
    String slow = dash.queue().add(Q, "slow", Map.of());
    await()
        .atMost(15, TimeUnit.SECONDS)
        .until(() -> dash.get("/api/workers").tree().toString().contains("\"jobId\":\"" + slow));
    JsonNode processes = dash.get("/api/workers").tree().path("processes");
    assertThat(processes).hasSize(1);
    JsonNode me = processes.get(0);
    assertThat(me.path("id").asText()).isNotBlank();
    assertThat(me.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
    assertThat(me.path("host").asText()).isNotBlank();
    assertThat(me.path("app").asText()).isEqualTo("dash-app");
    assertThat(Instant.parse(me.path("startedAt").asText())).isBefore(Instant.now());
    assertThat(Instant.parse(me.path("lastSeen").asText())).isBeforeOrEqualTo(Instant.now());
    assertThat(me.path("queues").get(0).path("queue").asText()).isEqualTo(Q);
    assertThat(me.path("queues").get(0).path("concurrency").asInt()).isEqualTo(10);
    JsonNode running = me.path("running").get(0);
    assertThat(running.path("queue").asText()).isEqualTo(Q);
    assertThat(running.path("name").asText()).isEqualTo("slow");
    assertThat(running.path("runningMs").asLong()).isNotNegative();
    Instant.parse(running.path("startedAt").asText());
    dash.post("/api/queues/" + Q + "/jobs/" + slow + "/cancel");
    awaitState(slow, "failed");
  }

  @Test
  void shouldShowEveryAttemptOfAJobWithItsWorkerAndError() {
    dash.switches.failing.set(true);
    String id = dash.queue().add(Q, "flaky", Map.of("note", "twice"));
    awaitState(id, "failed");
    dash.switches.failing.set(false);
    dash.post("/api/queues/" + Q + "/jobs/" + id + "/retry");
    awaitState(id, "completed");

    JsonNode attempts = job(id).path("attempts");
    assertThat(attempts).hasSize(2);
    JsonNode failedRun = attempts.get(0);
    assertThat(failedRun.path("attempt").asInt()).isEqualTo(1);
    assertThat(failedRun.path("error").asText())
        .isEqualTo("dev.errand.queue.UnrecoverableJobException: refused twice");
    assertThat(failedRun.path("stack").asText()).contains("DashProcessor.flaky");
    assertThat(failedRun.path("worker").asText())
        .isEqualTo(
            failedRun.path("worker").asText().split("/")[0] + "/" + ProcessHandle.current().pid());
    Instant started = Instant.parse(failedRun.path("startedAt").asText());
    Instant finished = Instant.parse(failedRun.path("finishedAt").asText());
    assertThat(Duration.between(started, finished).toMillis())
        .isEqualTo(failedRun.path("durationMs").asLong());
    JsonNode completedRun = attempts.get(1);
    assertThat(completedRun.path("error").isNull()).isTrue();
    assertThat(completedRun.path("stack").isNull()).isTrue();
    assertThat(Instant.parse(completedRun.path("startedAt").asText())).isAfterOrEqualTo(finished);
  }

  @Test
  void shouldSayWhenADelayedJobRuns() {
    // Backends keep times to the millisecond: a bound finer than that could fall after the job's.
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String id =
        dash.queue()
            .add(Q, "echo", Map.of(), JobOptions.builder().delay(Duration.ofHours(1)).build());
    JsonNode detail = job(id);
    assertThat(detail.path("state").asText()).isEqualTo("delayed");
    Instant runsAt = Instant.parse(detail.path("runsAt").asText());
    assertThat(runsAt)
        .isBetween(before.plus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1)));
    JsonNode row = dash.get("/api/queues/" + Q + "/jobs?state=delayed").tree().path("jobs").get(0);
    assertThat(row.path("runsAt").asText()).isEqualTo(detail.path("runsAt").asText());
  }

  @Test
  void shouldFindJobsByPayloadText() {
    String ann = dash.queue().add(Q, "echo", Map.of("email", "Ann@Example.com"));
    String bob = dash.queue().add(Q, "echo", Map.of("email", "bob@example.com"));
    dash.queue()
        .add(
            Q,
            "echo",
            Map.of("email", "ann@example.com"),
            JobOptions.builder().delay(Duration.ofHours(1)).build());
    awaitState(ann, "completed");
    awaitState(bob, "completed");

    JsonNode all = dash.get("/api/queues/" + Q + "/search?text=ANN%40example").tree();
    assertThat(all.path("jobs")).hasSize(2);
    assertThat(all.path("complete").asBoolean()).isTrue();
    assertThat(all.path("limit").asInt()).isEqualTo(50);
    assertThat(all.path("scanned").asLong()).isEqualTo(3);

    JsonNode completed =
        dash.get("/api/queues/" + Q + "/search?text=ann%40&state=completed").tree();
    assertThat(completed.path("jobs")).hasSize(1);
    assertThat(completed.path("jobs").get(0).path("id").asText()).isEqualTo(ann);
    assertThat(completed.path("jobs").get(0).path("state").asText()).isEqualTo("completed");

    JsonNode limited = dash.get("/api/queues/" + Q + "/search?text=example&limit=1").tree();
    assertThat(limited.path("jobs")).hasSize(1);
    assertThat(limited.path("complete").asBoolean()).isFalse();

    assertThat(dash.get("/api/queues/" + Q + "/search").status()).isEqualTo(400);
    assertThat(dash.get("/api/queues/" + Q + "/search?text=a&limit=201").status()).isEqualTo(400);
    assertThat(dash.get("/api/queues/" + Q + "/search?text=a&state=nope").status()).isEqualTo(400);
  }
}
