package dev.errand.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.example.domain.Task;
import dev.errand.example.usecase.CompleteTask;
import dev.errand.example.usecase.CreateTask;
import dev.errand.mailer.Attachment;
import dev.errand.mailer.CaptureMailer;
import dev.errand.mailer.Mail;
import dev.errand.queue.WorkflowInfo;
import dev.errand.queue.WorkflowService;
import dev.errand.queue.WorkflowStepState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user's task report, a workflow: its two parts run, then one mail carries both as a CSV; asked
 * twice the same day, it is one report.
 */
class TaskReportTest {

  private static ErrandApp app;
  private static TrackerClient client;

  @BeforeAll
  static void start() {
    app = TrackerClient.startEmbedded(Map.of("MAIL_PROVIDER", "capture"));
    client = new TrackerClient(app);
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  @Test
  void shouldMailOneReportOfOpenAndOverdueTasksOnceBothPartsAreIn() {
    long ada = client.createUser("ada");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    CreateTask tasks = app.get(CreateTask.class);
    Task late = tasks.create("Fix the \"late\" build", null, List.of(ada), today.minusDays(2));
    Task later = tasks.create("Write docs", null, List.of(ada), today.plusDays(5));
    Task done = tasks.create("Old chore", null, List.of(ada), today.minusDays(9));
    app.get(CompleteTask.class).complete(done.id());

    TrackerClient.Answer asked = client.post("/users/" + ada + "/task-report", "");
    TrackerClient.Answer again = client.post("/users/" + ada + "/task-report", "");

    assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
    String id = asked.body().get("workflowId").asText();
    assertThat(again.body().get("workflowId").asText()).isEqualTo(id);
    WorkflowService workflows = app.get(WorkflowService.class);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> workflows.workflow(id).map(WorkflowInfo::isFinished).orElse(false));
    WorkflowInfo report = workflows.workflow(id).orElseThrow();
    assertThat(report.steps())
        .extracting(WorkflowInfo.Step::state)
        .containsOnly(WorkflowStepState.COMPLETED);
    assertThat(report.step("mail").dependsOn()).containsExactly("open", "overdue");

    CaptureMailer outbox = app.get(CaptureMailer.class);
    List<Mail> mails =
        outbox.sentTo("ada@example.com").stream()
            .filter(m -> m.subject().orElse("").startsWith("Your tasks"))
            .toList();
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).subject()).contains("Your tasks: 2 open, 1 overdue");
    Attachment csv = mails.get(0).attachments().get(0);
    assertThat(csv.fileName()).isEqualTo("tasks.csv");
    assertThat(new String(csv.bytes(), StandardCharsets.UTF_8))
        .isEqualTo(
            "list,task,title,due\n"
                + ("open," + late.key() + ",\"Fix the \"\"late\"\" build\"," + late.dueDate())
                + "\n"
                + ("open," + later.key() + ",\"Write docs\"," + later.dueDate())
                + "\n"
                + ("overdue," + late.key() + ",\"Fix the \"\"late\"\" build\"," + late.dueDate())
                + "\n");
  }
}
