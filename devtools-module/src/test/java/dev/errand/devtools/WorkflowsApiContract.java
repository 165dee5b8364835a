package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.queue.JobType;
import dev.errand.queue.Workflow;
import dev.errand.queue.WorkflowService;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The JSON API behind the workflows page, the same on every backend that keeps workflows. */
abstract class WorkflowsApiContract extends DashboardApiContract {

  private static final JobType<Map> FLAKY = JobType.of(Q, "flaky", Map.class);
  private static final JobType<Map> ECHO = JobType.of(Q, "echo", Map.class);
  private static final JobType<Map> SLOW = JobType.of(Q, "slow", Map.class);

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
}
