package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.devtools.DashboardApp.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cron section of the JSON API against a real application on the local cron store. */
class CronApiTest {

  private DashboardApp dash;

  @BeforeEach
  void start() {
    dash = new DashboardApp();
  }

  @AfterEach
  void stop() {
    dash.close();
  }

  private JsonNode job(String id) {
    for (JsonNode job : dash.get("/api/cron").tree().path("jobs")) {
      if (job.path("id").asText().equals(id)) {
        return job;
      }
    }
    throw new AssertionError("cron job " + id + " is not listed");
  }

  @Test
  void shouldListEveryCronJobWithItsScheduleAndStatus() {
    JsonNode cron = dash.get("/api/cron").tree();

    assertThat(cron.path("available").asBoolean()).isTrue();
    List<String> ids = new ArrayList<>();
    cron.path("jobs").forEach(j -> ids.add(j.path("id").asText()));
    assertThat(ids).contains("DashCronJobs.report", "DashCronJobs.broken");
    JsonNode broken = job("DashCronJobs.broken");
    assertThat(broken.path("expression").asText()).isEqualTo("0 4 1 1 *");
    assertThat(broken.path("zone").asText()).isEqualTo("Europe/Berlin");
    assertThat(broken.path("description").asText()).isEqualTo("Always fails");
    assertThat(broken.path("enabled").asBoolean()).isTrue();
    assertThat(broken.path("nextRun").asText()).endsWith("Z");
    assertThat(broken.path("lastRun").isNull()).isTrue();
    assertThat(cron.path("totals").path("runs").asLong()).isZero();
  }

  @Test
  void shouldTriggerAJobAndShowItsRunInTheHistory() {
    Answer triggered = dash.post("/api/cron/DashCronJobs.report/trigger");

    assertThat(triggered.status()).isEqualTo(202);
    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(
            () -> dash.get("/api/cron/DashCronJobs.report/history").tree().path("runs").size(),
            size -> size == 1);
    JsonNode run =
        dash.get("/api/cron/DashCronJobs.report/history?limit=5").tree().path("runs").get(0);
    assertThat(run.path("status").asText()).isEqualTo("SUCCESS");
    assertThat(run.path("durationMs").isNumber()).isTrue();
    assertThat(run.path("instance").asText()).isNotBlank();
    assertThat(dash.switches.reports.get()).isEqualTo(1);
    assertThat(job("DashCronJobs.report").path("lastStatus").asText()).isEqualTo("SUCCESS");
    assertThat(dash.get("/api/cron").tree().path("totals").path("successes").asLong()).isEqualTo(1);
  }

  @Test
  void shouldShowTheLastErrorOfAFailedRunAsEscapedJson() {
    dash.post("/api/cron/DashCronJobs.broken/trigger");

    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(() -> job("DashCronJobs.broken").path("lastStatus").asText(), "FAILURE"::equals);
    Answer cron = dash.get("/api/cron");
    assertThat(cron.body()).doesNotContain("<img").doesNotContain("<b>");
    assertThat(job("DashCronJobs.broken").path("lastError").asText())
        .contains("IllegalStateException")
        .contains("<img src=x onerror=alert(1)> broke");
    assertThat(job("DashCronJobs.report").path("description").asText())
        .isEqualTo("Yearly <b>report</b>");
  }

  @Test
  void shouldDisableAndEnableAJob() {
    Answer disabled = dash.post("/api/cron/DashCronJobs.report/disable");

    assertThat(disabled.status()).isEqualTo(200);
    assertThat(job("DashCronJobs.report").path("enabled").asBoolean()).isFalse();
    assertThat(job("DashCronJobs.report").path("nextRun").isNull()).isTrue();

    dash.post("/api/cron/DashCronJobs.report/enable");
    assertThat(job("DashCronJobs.report").path("enabled").asBoolean()).isTrue();
  }

  @Test
  void shouldAnswer404ForAnUnknownCronJob() {
    Answer answer = dash.post("/api/cron/Nobody.nothing/trigger");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.tree().path("error").asText()).contains("Nobody.nothing");
    assertThat(dash.get("/api/cron/Nobody.nothing/history").status()).isEqualTo(404);
    assertThat(dash.get("/api/cron/DashCronJobs.report/history?limit=0").status()).isEqualTo(400);
  }
}
