package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.devtools.DashboardApp.Answer;
import dev.errand.queue.JobOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The queue section of the JSON API against a real application on the memory queue: what it shows
 * (the queues, pages of jobs, a job's detail, timings) and how it answers a bad request.
 */
class QueueApiTest extends QueueApiTestBase {

  @Test
  void shouldListConsumedQueuesWithCountsPerState() {
    dash.switches.failing.set(false);
    dash.queue().add(Q, "echo", Map.of("n", 1));
    dash.queue()
        .add(Q, "echo", Map.of("n", 2), JobOptions.builder().delay(Duration.ofHours(1)).build());

    awaitCount("completed", 1);
    JsonNode overview = dash.get("/api/queues").tree();
    assertThat(overview.path("available").asBoolean()).isTrue();
    JsonNode counts = queueRow().path("counts");
    assertThat(counts.path("delayed").asLong()).isEqualTo(1);
    assertThat(counts.path("waiting").asLong()).isZero();
    assertThat(counts.path("failed").asLong()).isZero();
    assertThat(overview.path("actions").path("retry").asBoolean()).isTrue();
    assertThat(dash.get("/api/queues/" + Q).tree().path("counts").path("completed").asLong())
        .isEqualTo(1);
  }

  @Test
  void shouldListNamedQueuesThatThisProcessOnlyProducesTo() {
    try (DashboardApp other = new DashboardApp(Map.of(), "reports-outbox")) {
      other.queue().add("reports-outbox", "render", Map.of());
      JsonNode names = other.get("/api/queues").tree().path("queues");
      List<String> listed = new ArrayList<>();
      names.forEach(n -> listed.add(n.path("name").asText()));
      assertThat(listed).containsExactly(Q, "reports-outbox");
      assertThat(names.get(1).path("counts").path("waiting").asLong()).isEqualTo(1);
    }
  }

  @Test
  void shouldListEveryQueueTheBackendHoldsWithoutBeingToldItsName() {
    try (DashboardApp other = new DashboardApp(Map.of())) {
      other.queue().add("audit-trail", "record", Map.of());
      JsonNode names = other.get("/api/queues").tree().path("queues");
      List<String> listed = new ArrayList<>();
      names.forEach(n -> listed.add(n.path("name").asText()));
      assertThat(listed).containsExactly("audit-trail", Q);
    }
  }

  @Test
  void shouldPageThroughTheJobsOfAStateNewestFirst() {
    for (int i = 0; i < 5; i++) {
      addFlaky("n" + i);
    }
    awaitCount("failed", 5);

    JsonNode first = dash.get("/api/queues/" + Q + "/jobs?state=failed&offset=0&limit=2").tree();
    JsonNode last = dash.get("/api/queues/" + Q + "/jobs?state=failed&offset=4&limit=2").tree();

    assertThat(first.path("total").asLong()).isEqualTo(5);
    assertThat(first.path("jobs")).hasSize(2);
    assertThat(first.path("jobs").get(0).path("state").asText()).isEqualTo("failed");
    assertThat(first.path("jobs").get(0).path("failure").asText())
        .contains("UnrecoverableJobException");
    assertThat(last.path("jobs")).hasSize(1);
    List<String> ids = new ArrayList<>();
    for (int offset = 0; offset < 5; offset += 2) {
      dash.get("/api/queues/" + Q + "/jobs?state=failed&offset=" + offset + "&limit=2")
          .tree()
          .path("jobs")
          .forEach(j -> ids.add(j.path("id").asText()));
    }
    assertThat(ids).hasSize(5).doesNotHaveDuplicates();
  }

  @Test
  void shouldFindJobsByIdOrByName() {
    dash.switches.failing.set(false);
    String echo = dash.queue().add(Q, "echo", Map.of("n", 1), delayed());
    dash.queue().add(Q, "flaky", Map.of("note", "x"), delayed());

    JsonNode byId = dash.get("/api/queues/" + Q + "/jobs?state=completed&search=" + echo).tree();
    JsonNode byName = dash.get("/api/queues/" + Q + "/jobs?state=delayed&search=ECH").tree();
    JsonNode none = dash.get("/api/queues/" + Q + "/jobs?state=delayed&search=nomatch").tree();

    assertThat(byId.path("jobs")).hasSize(1);
    assertThat(byId.path("jobs").get(0).path("id").asText()).isEqualTo(echo);
    assertThat(byName.path("jobs"))
        .extracting(j -> j.path("name").asText())
        .containsExactly("echo");
    assertThat(none.path("jobs")).isEmpty();
  }

  @Test
  void shouldShowAJobsDetailWithPayloadOptionsFailureStackTraceAndLogs() {
    String id =
        dash.queue()
            .add(
                Q,
                "flaky",
                Map.of("note", "detail"),
                JobOptions.builder()
                    .priority(7)
                    .timeout(Duration.ofSeconds(42))
                    .metadata("tenant", "t-9")
                    .build());
    awaitCount("failed", 1);

    JsonNode job = dash.get("/api/queues/" + Q + "/jobs/" + id).tree();

    assertThat(job.path("id").asText()).isEqualTo(id);
    assertThat(job.path("name").asText()).isEqualTo("flaky");
    assertThat(job.path("state").asText()).isEqualTo("failed");
    assertThat(job.path("payload").asText()).contains("\"note\":\"detail\"");
    assertThat(job.path("attemptsMade").asInt()).isEqualTo(1);
    assertThat(job.path("priority").asInt()).isEqualTo(7);
    assertThat(job.path("options").asText()).contains("\"timeout\":42000");
    assertThat(job.path("metadata").path("tenant").asText()).isEqualTo("t-9");
    assertThat(job.path("createdAt").asText()).isNotBlank();
    assertThat(job.path("startedAt").asText()).isNotBlank();
    assertThat(job.path("finishedAt").asText()).isNotBlank();
    assertThat(job.path("failure").path("message").asText()).isEqualTo("refused detail");
    assertThat(job.path("failure").path("stackTrace").asText()).contains("DashProcessor.flaky");
    assertThat(job.path("logs").get(0).asText()).isEqualTo("trying detail");
  }

  @Test
  void shouldReachAJobWhoseIdNeedsEncodingInThePath() {
    String id = "invoice 2026/03+7?x=1;50%/..";
    dash.queue().add(Q, "flaky", Map.of("note", "enc"), JobOptions.builder().jobId(id).build());
    awaitCount("failed", 1);
    String path = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");

    JsonNode job = dash.get("/api/queues/" + Q + "/jobs/" + path).tree();
    dash.switches.failing.set(false);
    Answer retried = dash.post("/api/queues/" + Q + "/jobs/" + path + "/retry");

    assertThat(job.path("id").asText()).isEqualTo(id);
    assertThat(retried.status()).isEqualTo(200);
    awaitCount("completed", 1);
  }

  @Test
  void shouldAnswer404ForAnUnknownJobAnd400ForAnUnknownState() {
    Answer unknown = dash.get("/api/queues/" + Q + "/jobs/no-such-job");
    Answer badState = dash.get("/api/queues/" + Q + "/jobs?state=finished");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.tree().path("error").asText()).contains("no-such-job").contains(Q);
    assertThat(badState.status()).isEqualTo(400);
    assertThat(badState.tree().path("error").asText()).contains("finished").contains("waiting");
    assertThat(dash.get("/api/queues/" + Q + "/jobs?limit=5000").status()).isEqualTo(400);
  }

  @Test
  void shouldShowThisProcessesThroughputAndTimings() {
    completeEchoJobs(3);

    await()
        .atMost(5, TimeUnit.SECONDS)
        .until(() -> queueRow().path("metrics").path("completed").asLong() == 3);
    JsonNode metrics = queueRow().path("metrics");
    assertThat(metrics.path("throughputPerMinute").asDouble()).isPositive();
    assertThat(metrics.path("p50Ms").isNumber()).isTrue();
    assertThat(metrics.path("p95Ms").asDouble())
        .isGreaterThanOrEqualTo(metrics.path("p50Ms").asDouble());
    assertThat(dash.get("/api/queues").tree().path("actions").path("pause").asBoolean()).isTrue();
  }

  @Test
  void shouldWriteMarkupInJobDataAsEscapedJson() {
    String id = addFlaky(XSS);
    awaitCount("failed", 1);

    Answer detail = dash.get("/api/queues/" + Q + "/jobs/" + id);
    Answer page = dash.get("/api/queues/" + Q + "/jobs?state=failed");

    assertThat(detail.header("Content-Type")).startsWith("application/json");
    assertThat(detail.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(detail.body()).doesNotContain("<img").contains("\\u003Cimg");
    assertThat(detail.tree().path("failure").path("message").asText()).isEqualTo("refused " + XSS);
    assertThat(page.body()).doesNotContain("<img");
    assertThat(page.tree().path("jobs").get(0).path("failure").asText()).endsWith(XSS);
  }
}
