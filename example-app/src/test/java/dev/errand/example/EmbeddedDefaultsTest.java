package dev.errand.example;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.errand.core.ErrandApp;
import dev.errand.cron.CronRun;
import dev.errand.cron.CronService;
import dev.errand.cron.RunStatus;
import dev.errand.example.cron.HealthCheckCronJobs;
import dev.errand.testsupport.CapturedLog;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tracker with no infrastructure: H2, the memory queue, console mail, the local cron store, as
 * {@code scripts/run-example} starts it. What its jobs do is tested with the testing kit in {@link
 * TrackerJobsTest}.
 */
class EmbeddedDefaultsTest {

  private static ErrandApp app;
  private static TrackerClient client;

  @BeforeAll
  static void start() {
    app = TrackerClient.startEmbedded(Map.of());
    client = new TrackerClient(app);
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  @Test
  void shouldRunOnTheEmbeddedDefaults() {
    assertThat(app.health().up()).as(app.health().toString()).isTrue();
    assertThat(app.adapters())
        .extracting(a -> a.name())
        .containsExactly(
            "DatabaseAdapter",
            "MailerAdapter",
            "QueueAdapter",
            "CronAdapter",
            "HttpApiAdapter",
            "DevToolsAdapter");
  }

  @Test
  void shouldLogTheHealthOfTheDatabaseAndTheQueueFromItsCronJob() throws Exception {
    // The tests log WARN and above; this line is INFO.
    try (CapturedLog logged = CapturedLog.of(HealthCheckCronJobs.class.getName(), Level.INFO)) {
      CronRun run =
          app.get(CronService.class)
              .trigger("HealthCheckCronJobs.healthCheck")
              .get(10, TimeUnit.SECONDS);

      assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
      assertThat(logged.messages()).contains("Health OK - DatabaseAdapter: up, QueueAdapter: up");
    }
  }

  @Test
  void shouldAnswerBadInputWithAJsonErrorNamingTheProblem() {
    assertThat(client.post("/users", "{\"email\":\"x@example.com\"}"))
        .satisfies(a -> assertThat(a.status()).isEqualTo(400))
        .satisfies(a -> assertThat(a.body().get("error").asText()).contains("name is required"));
    assertThat(client.post("/users", "{not json"))
        .satisfies(
            a -> {
              assertThat(a.status()).isEqualTo(400);
              assertThat(a.body().get("error").asText()).startsWith("malformed JSON");
            });
    assertThat(client.post("/tasks", "{\"title\":\"t\",\"assigneeIds\":[999999]}"))
        .satisfies(
            a -> {
              assertThat(a.status()).isEqualTo(404);
              assertThat(a.body().get("error").asText()).isEqualTo("no user with id 999999");
            });
    assertThat(client.post("/tasks/999999/comments", "{\"authorId\":1,\"body\":\"hi\"}"))
        .satisfies(a -> assertThat(a.status()).isEqualTo(404));
    assertThat(client.post("/tasks", "{\"title\":\"t\",\"dueDate\":\"tomorrow\"}"))
        .satisfies(
            a -> {
              assertThat(a.status()).isEqualTo(400);
              assertThat(a.body().get("error").asText()).contains("dueDate must be a date");
            });
    assertThat(client.get("/users/abc/notifications"))
        .satisfies(a -> assertThat(a.status()).isEqualTo(400));
    assertThat(client.get("/nowhere")).satisfies(a -> assertThat(a.status()).isEqualTo(404));
  }
}
