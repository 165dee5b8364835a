package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.cron.JobSchedules;
import dev.errand.cron.Recurrence;
import dev.errand.devtools.fixtures.DashProcessor;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobType;
import dev.errand.queue.Workflow;
import dev.errand.queue.WorkflowService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JSON API behind the schedules and workflows pages and the bulk job actions, the same on every
 * backend: each subclass names one.
 */
abstract class SchedulesWorkflowsApiContract {

  static final String XSS = "<img src=x onerror=alert(1)>";
  private static final String Q = DashProcessor.QUEUE;
  private static final JobType<Map> FLAKY = JobType.of(Q, "flaky", Map.class);
  private static final JobType<Map> ECHO = JobType.of(Q, "echo", Map.class);
  private static final JobType<Map> SLOW = JobType.of(Q, "slow", Map.class);

  DashboardApp dash;

  /** The settings that choose the backend. */
  abstract Map<String, String> backend();

  @BeforeEach
  void start() {
    dash = new DashboardApp(backend());
  }

  @AfterEach
  void stop() {
    dash.close();
  }

  @Test
  void shouldListPageAndActOnSchedules() {
    JobSchedules schedules = dash.app.get(JobSchedules.class);
    schedules.upsert(
        "dash:nightly",
        Recurrence.cron("0 3 * * *", "Europe/Berlin"),
        Q,
        "echo",
        Map.of("note", XSS),
        JobOptions.defaults());
    schedules.upsert(
        "dash:hourly",
        Recurrence.every(Duration.ofHours(1)),
        Q,
        "echo",
        Map.of("n", 1),
        JobOptions.defaults());
    schedules.upsert(
        "other:x",
        Recurrence.every(Duration.ofHours(2)),
        Q,
        "echo",
        Map.of(),
        JobOptions.defaults());

    JsonNode all = dash.get("/api/schedules?prefix=dash:").tree();
    assertThat(ids(all.path("schedules"))).containsExactly("dash:hourly", "dash:nightly");
    JsonNode first = dash.get("/api/schedules?prefix=dash:&limit=1").tree();
    assertThat(ids(first.path("schedules"))).containsExactly("dash:hourly");
    String after = first.path("nextAfter").asText();
    JsonNode second = dash.get("/api/schedules?prefix=dash:&limit=1&after=" + after).tree();
    assertThat(ids(second.path("schedules"))).containsExactly("dash:nightly");

    JsonNode nightly = dash.get("/api/schedules/dash:nightly").tree();
    assertThat(nightly.path("when").path("kind").asText()).isEqualTo("CRON");
    assertThat(nightly.path("when").path("zone").asText()).isEqualTo("Europe/Berlin");
    assertThat(nightly.path("payload").asText()).contains(XSS);
    assertThat(nightly.path("nextRuns")).hasSize(5);
    assertThat(
            dash.get("/api/schedules/dash:hourly")
                .tree()
                .path("when")
                .path("intervalSeconds")
                .asLong())
        .isEqualTo(3600);

    assertThat(dash.post("/api/schedules/dash:nightly/pause").tree().path("paused").asBoolean())
        .isTrue();
    assertThat(dash.post("/api/schedules/dash:nightly/resume").tree().path("paused").asBoolean())
        .isFalse();
    String jobId = dash.post("/api/schedules/dash:nightly/trigger").tree().path("jobId").asText();
    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(
            () -> dash.get("/api/queues/" + Q + "/jobs/" + jobId).tree().path("state").asText(),
            "completed"::equals);
    assertThat(dash.post("/api/schedules/dash:nightly/remove").tree().path("removed").asBoolean())
        .isTrue();
    assertThat(dash.get("/api/schedules/dash:nightly").status()).isEqualTo(404);
    assertThat(dash.post("/api/schedules/nothing/pause").status()).isEqualTo(404);
    assertThat(dash.get("/api/schedules?limit=0").status()).isEqualTo(400);
  }

  @Test
  void shouldShowAWorkflowsStepsAndRetryItsFailure() {
    dash.switches.failing.set(true);
    WorkflowService workflows = dash.app.get(WorkflowService.class);
    Workflow flow = Workflow.withId("wf-retry");
    Workflow.Step a = flow.step("fetch", FLAKY, Map.of("note", XSS));
    flow.step("store", ECHO, Map.of("n", 1)).after(a);
    workflows.add(flow);

    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(() -> stepState("wf-retry", "fetch"), "FAILED"::equals);
    JsonNode view = dash.get("/api/workflows/wf-retry").tree();
    assertThat(view.path("finished").asBoolean()).isTrue();
    assertThat(view.path("steps").get(1).path("dependsOn").get(0).asText()).isEqualTo("fetch");
    assertThat(view.path("steps").get(0).path("failure").asText()).contains(XSS);
    assertThat(view.path("counts").path("FAILED").asInt()).isEqualTo(1);
    JsonNode listed = dash.get("/api/workflows").tree().path("workflows");
    assertThat(ids(listed)).contains("wf-retry");

    dash.switches.failing.set(false);
    assertThat(dash.post("/api/workflows/wf-retry/retry").tree().path("retried").asInt())
        .isPositive();
    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(() -> stepState("wf-retry", "store"), "COMPLETED"::equals);
    assertThat(dash.post("/api/workflows/wf-retry/remove").tree().path("removed").asBoolean())
        .isTrue();
    assertThat(dash.get("/api/workflows/wf-retry").status()).isEqualTo(404);
  }

  @Test
  void shouldCancelAWorkflowWhoseStepWaitsOnDependencies() {
    WorkflowService workflows = dash.app.get(WorkflowService.class);
    Workflow flow = Workflow.withId("wf-cancel");
    Workflow.Step slow = flow.step("long", SLOW, Map.of());
    flow.step("after", ECHO, Map.of()).after(slow);
    workflows.add(flow);
    assertThat(stepState("wf-cancel", "after")).isEqualTo("WAITING_ON_DEPENDENCIES");

    assertThat(dash.post("/api/workflows/wf-cancel/remove").status()).isEqualTo(409);
    assertThat(dash.post("/api/workflows/wf-cancel/cancel").tree().path("cancelled").asInt())
        .isPositive();
    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(() -> stepState("wf-cancel", "after"), "CANCELLED"::equals);
  }

  @Test
  void shouldRetryAndRemoveSelectedJobsInBulk() {
    dash.switches.failing.set(true);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(dash.queue().add(Q, "flaky", Map.of("n", i)));
    }
    await().atMost(10, TimeUnit.SECONDS).until(() -> count("failed") == 3);
    dash.switches.failing.set(false);

    String body = "{\"ids\":[\"" + ids.get(0) + "\",\"" + ids.get(1) + "\",\"nope\"]}";
    JsonNode retried = dash.postJson("/api/queues/" + Q + "/bulk/retry", body).tree();
    assertThat(retried.path("done"))
        .extracting(JsonNode::asText)
        .containsExactly(ids.get(0), ids.get(1));
    assertThat(retried.path("refused").get(0).path("id").asText()).isEqualTo("nope");
    assertThat(dash.audited)
        .extracting(a -> a.method() + " " + a.path() + " " + a.status())
        .contains("POST /api/queues/" + Q + "/bulk/retry 200");
    await().atMost(10, TimeUnit.SECONDS).until(() -> count("completed") == 2);

    JsonNode removed =
        dash.postJson("/api/queues/" + Q + "/bulk/remove", "{\"ids\":[\"" + ids.get(2) + "\"]}")
            .tree();
    assertThat(removed.path("done")).extracting(JsonNode::asText).containsExactly(ids.get(2));
    assertThat(count("failed")).isZero();
    assertThat(dash.postJson("/api/queues/" + Q + "/bulk/retry", "{}").status()).isEqualTo(400);
    assertThat(dash.postJson("/api/queues/" + Q + "/bulk/retry", "not json").status())
        .isEqualTo(400);
  }

  private long count(String state) {
    return dash.get("/api/queues/" + Q).tree().path("counts").path(state).asLong();
  }

  private String stepState(String workflow, String step) {
    for (JsonNode s : dash.get("/api/workflows/" + workflow).tree().path("steps")) {
      if (s.path("id").asText().equals(step)) {
        return s.path("state").asText();
      }
    }
    throw new AssertionError("workflow " + workflow + " has no step " + step);
  }

  private static List<String> ids(JsonNode rows) {
    List<String> ids = new ArrayList<>();
    rows.forEach(r -> ids.add(r.path("id").asText()));
    return ids;
  }
}
