package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.cron.JobSchedules;
import dev.errand.cron.Recurrence;
import dev.errand.queue.JobOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The JSON API behind the schedules page, the same on every backend that stores schedules. */
abstract class SchedulesApiContract extends DashboardApiContract {

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
}
