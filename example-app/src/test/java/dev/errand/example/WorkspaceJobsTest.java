package dev.errand.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.example.jobs.Jobs;
import dev.errand.example.jobs.WorkspaceScope;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueAdmin;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workspaces: a request's X-Workspace reaches every job it adds as metadata, and a job whose
 * workspace was deleted before it ran fails at once, its failure naming the interceptor that
 * refused it.
 */
class WorkspaceJobsTest {

  private static final String EMAIL = Jobs.WELCOME_EMAIL.queue();

  private static ErrandApp app;
  private static TrackerClient client;
  private static QueueAdmin admin;

  @BeforeAll
  static void start() {
    app = TrackerClient.startEmbedded(Map.of());
    client = new TrackerClient(app);
    admin = app.get(QueueAdmin.class);
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  @AfterEach
  void resume() {
    admin.resume(EMAIL);
  }

  /**
   * Creates a user in {@code workspace} while the mail queue is paused; returns its welcome job.
   */
  private static JobInfo welcomeJobOf(String name, String workspace) {
    admin.pause(EMAIL);
    String body = "{\"name\":\"" + name + "\",\"email\":\"" + name + "@example.com\"}";
    TrackerClient.Answer created =
        workspace == null ? client.post("/users", body) : client.post("/users", body, workspace);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    // The user and its job commit together; the outbox's relay brings the job to the queue.
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                admin.jobs(EMAIL, JobState.WAITING, 0, 100).stream()
                    .filter(j -> j.payload().contains(name + "@example.com"))
                    .findFirst(),
            java.util.Optional::isPresent)
        .orElseThrow();
  }

  private static JobInfo awaitState(String id, JobState state) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> admin.job(EMAIL, id).map(JobInfo::state).orElse(null) == state);
    return admin.job(EMAIL, id).orElseThrow();
  }

  @Test
  void shouldCarryTheRequestsWorkspaceToTheJobsItAdds() {
    assertThat(client.post("/workspaces", "{\"id\":\"acme\",\"name\":\"Acme\"}").status())
        .isEqualTo(201);
    JobInfo job = welcomeJobOf("wile", "acme");

    assertThat(job.metadata()).containsEntry(WorkspaceScope.KEY, "acme");
    admin.resume(EMAIL);
    assertThat(awaitState(job.id(), JobState.COMPLETED).metadata())
        .containsEntry(WorkspaceScope.KEY, "acme");
  }

  @Test
  void shouldPutRequestsWithoutAWorkspaceInTheDefaultOne() {
    JobInfo job = welcomeJobOf("plain", null);

    assertThat(job.metadata()).containsEntry(WorkspaceScope.KEY, "default");
    admin.resume(EMAIL);
    awaitState(job.id(), JobState.COMPLETED);
  }

  @Test
  void shouldFailAJobWhoseWorkspaceWasDeletedBeforeItRan() {
    assertThat(client.post("/workspaces", "{\"id\":\"gone\"}").status()).isEqualTo(201);
    JobInfo job = welcomeJobOf("ghost", "gone");
    assertThat(client.delete("/workspaces/gone").status()).isEqualTo(200);
    admin.resume(EMAIL);

    JobInfo failed = awaitState(job.id(), JobState.FAILED);
    assertThat(failed.attemptsMade()).isEqualTo(1);
    assertThat(failed.failure().message())
        .contains(WorkspaceScope.class.getName())
        .contains("workspace 'gone' no longer exists");
  }

  @Test
  void shouldRefuseAMalformedWorkspace() {
    TrackerClient.Answer answer =
        client.post("/users", "{\"name\":\"x\",\"email\":\"x@example.com\"}", "Not Valid!");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().get("error").asText()).contains("workspace 'Not Valid!'");
  }
}
