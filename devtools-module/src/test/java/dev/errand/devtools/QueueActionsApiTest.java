package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.devtools.DashboardApp.Answer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The queue section's actions against a real application on the memory queue: retry, remove,
 * promote, cancel, pause and resume, clean and drain. Apart from {@link QueueApiTest} because each
 * changes the jobs it shows and must be refused when the job is not in a state it applies to.
 */
class QueueActionsApiTest extends QueueApiTestBase {

  @Test
  void shouldRetryAFailedJobUntilItCompletes() {
    String id = addFlaky("again");
    awaitCount("failed", 1);
    dash.switches.failing.set(false);

    Answer retried = dash.post("/api/queues/" + Q + "/jobs/" + id + "/retry");

    assertThat(retried.status()).isEqualTo(200);
    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(
            () -> dash.get("/api/queues/" + Q + "/jobs/" + id).tree().path("state").asText(),
            "completed"::equals);
  }

  @Test
  void shouldRefuseToRetryAJobThatDidNotFail() {
    String id = dash.queue().add(Q, "echo", Map.of(), delayed());

    Answer answer = dash.post("/api/queues/" + Q + "/jobs/" + id + "/retry");

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.tree().path("error").asText()).contains(id).contains("delayed");
  }

  @Test
  void shouldRetryAllFailedJobs() {
    for (int i = 0; i < 3; i++) {
      addFlaky("all" + i);
    }
    awaitCount("failed", 3);
    dash.switches.failing.set(false);

    Answer answer = dash.post("/api/queues/" + Q + "/retry-failed");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.tree().path("retried").asInt()).isEqualTo(3);
    awaitCount("completed", 3);
    assertThat(queueRow().path("counts").path("failed").asLong()).isZero();
  }

  @Test
  void shouldRemoveAJob() {
    String id = dash.queue().add(Q, "echo", Map.of(), delayed());

    Answer removed = dash.post("/api/queues/" + Q + "/jobs/" + id + "/remove");

    assertThat(removed.status()).isEqualTo(200);
    assertThat(dash.get("/api/queues/" + Q + "/jobs/" + id).status()).isEqualTo(404);
    assertThat(queueRow().path("counts").path("delayed").asLong()).isZero();
    assertThat(dash.post("/api/queues/" + Q + "/jobs/" + id + "/remove").status()).isEqualTo(404);
  }

  @Test
  void shouldPromoteADelayedJobToRunNow() {
    String id = dash.queue().add(Q, "echo", Map.of("n", 1), delayed());

    Answer promoted = dash.post("/api/queues/" + Q + "/jobs/" + id + "/promote");

    assertThat(promoted.status()).isEqualTo(200);
    await().atMost(10, TimeUnit.SECONDS).until(() -> state(id), "completed"::equals);
    Answer again = dash.post("/api/queues/" + Q + "/jobs/" + id + "/promote");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.tree().path("error").asText()).contains(id).contains("completed");
  }

  @Test
  void shouldPauseAndResumeAQueue() {
    Answer paused = dash.post("/api/queues/" + Q + "/pause");

    assertThat(paused.status()).isEqualTo(200);
    assertThat(paused.tree().path("paused").asBoolean()).isTrue();
    String id = dash.queue().add(Q, "echo", Map.of());
    await()
        .during(300, TimeUnit.MILLISECONDS)
        .atMost(2, TimeUnit.SECONDS)
        .until(() -> queueRow().path("counts").path("waiting").asLong() == 1);
    assertThat(queueRow().path("paused").asBoolean()).isTrue();

    assertThat(dash.post("/api/queues/" + Q + "/resume").tree().path("paused").asBoolean())
        .isFalse();
    await().atMost(10, TimeUnit.SECONDS).until(() -> state(id), "completed"::equals);
  }

  @Test
  void shouldCleanFinishedJobsByAgeOrBeyondACount() {
    completeEchoJobs(4);

    Answer recent = dash.post("/api/queues/" + Q + "/clean?state=completed&olderThanSeconds=3600");
    Answer trimmed = dash.post("/api/queues/" + Q + "/clean?state=completed&keep=1");
    Answer all = dash.post("/api/queues/" + Q + "/clean?state=completed");

    assertThat(recent.tree().path("removed").asLong()).isZero();
    assertThat(trimmed.tree().path("removed").asLong()).isEqualTo(3);
    assertThat(all.tree().path("removed").asLong()).isEqualTo(1);
    assertThat(queueRow().path("counts").path("completed").asLong()).isZero();
    assertThat(dash.post("/api/queues/" + Q + "/clean?state=waiting").status()).isEqualTo(400);
  }

  @Test
  void shouldDrainTheWaitingJobs() {
    dash.post("/api/queues/" + Q + "/pause");
    dash.queue().add(Q, "echo", Map.of("n", 1));
    dash.queue().add(Q, "echo", Map.of("n", 2));
    dash.queue().add(Q, "echo", Map.of("n", 3), delayed());

    Answer drained = dash.post("/api/queues/" + Q + "/drain");

    assertThat(drained.tree().path("removed").asLong()).isEqualTo(2);
    JsonNode counts = queueRow().path("counts");
    assertThat(counts.path("waiting").asLong()).isZero();
    assertThat(counts.path("delayed").asLong()).isEqualTo(1);
  }

  @Test
  void shouldCancelARunningJob() {
    String id = dash.queue().add(Q, "slow", Map.of());
    await().atMost(10, TimeUnit.SECONDS).until(() -> state(id), "active"::equals);

    Answer cancelled = dash.post("/api/queues/" + Q + "/jobs/" + id + "/cancel");

    assertThat(cancelled.status()).isEqualTo(200);
    await().atMost(10, TimeUnit.SECONDS).until(() -> !state(id).equals("active"));
    assertThat(state(id)).isIn("failed", "dead");
    assertThat(dash.post("/api/queues/" + Q + "/jobs/" + id + "/cancel").status()).isEqualTo(409);
  }
}
