package dev.errand.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.example.domain.Task;
import dev.errand.example.jobs.JobPolicies;
import dev.errand.example.jobs.Jobs;
import dev.errand.example.jobs.Payloads.MentionedEmail;
import dev.errand.example.jobs.Payloads.OverdueReminderEmail;
import dev.errand.example.usecase.CompleteTask;
import dev.errand.example.usecase.CreateTask;
import dev.errand.example.usecase.CreateUser;
import dev.errand.mailer.Mail;
import dev.errand.queue.QueueAdmin;
import dev.errand.testing.EnqueuedJob;
import dev.errand.testing.ErrandExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tracker's jobs and cron schedules under the testing kit: each test gets its own tracker (a
 * fresh H2 database, the memory queue, capture mail, a clock that starts on Monday 2030-01-07 at
 * 08:00 UTC), jobs run when the test drains them, and cron ticks fire when it moves the clock.
 */
class TrackerJobsTest {

  private static final Instant MONDAY_EIGHT = Instant.parse("2030-01-07T08:00:00Z");

  @RegisterExtension
  static final ErrandExtension errand =
      ErrandExtension.builder()
          .settings(Map.of("PORT", "0", "EXAMPLE_BIND", "127.0.0.1"))
          .module(AppModule::new)
          .adapters(AppConfig::adapters)
          .startAt(MONDAY_EIGHT)
          .build();

  private static List<String> subjects(List<Mail> mails) {
    return mails.stream().map(m -> m.subject().orElse("")).toList();
  }

  @Test
  void shouldTurnACommentWithTwoMentionsIntoNotificationsMailsAndOneActivityEntry() {
    TrackerClient client = new TrackerClient(errand.app());
    long author = client.createUser("author");
    long first = client.createUser("first");
    long second = client.createUser("second");
    long task =
        client
            .post("/tasks", "{\"title\":\"Ship it\",\"assigneeIds\":[" + author + "]}")
            .body()
            .get("id")
            .asLong();
    errand.drain(); // the welcome and assignment mails, the task's activity entry
    errand.mails().clear();
    QueueAdmin admin = errand.get(QueueAdmin.class);
    long mailsBefore = admin.counts(Jobs.EMAIL).completed();

    TrackerClient.Answer comment =
        client.post(
            "/tasks/" + task + "/comments",
            "{\"authorId\":" + author + ",\"body\":\"@first and @second, please review\"}");

    // Answered before any job ran: notifications, mails and the activity entry are jobs.
    assertThat(comment.status()).isEqualTo(201);
    assertThat(client.get("/users/" + first + "/notifications").body()).isEmpty();
    errand.assertEnqueuedCount(Jobs.CREATE_NOTIFICATION, 2);
    errand.assertEnqueuedCount(Jobs.MENTIONED_EMAIL, 2);
    EnqueuedJob<MentionedEmail> mention =
        errand.assertEnqueued(Jobs.MENTIONED_EMAIL, m -> m.email().equals("first@example.com"));
    assertThat(mention.priority()).isEqualTo(JobPolicies.PRIORITY_TRANSACTIONAL);
    errand.assertEnqueued(Jobs.LOG_ACTIVITY, entry -> entry.action().equals("commented"));

    assertThat(errand.drain()).isEqualTo(5);

    assertThat(client.get("/users/" + first + "/notifications").body()).hasSize(1);
    assertThat(client.get("/users/" + second + "/notifications").body()).hasSize(1);
    assertThat(admin.counts(Jobs.EMAIL).completed() - mailsBefore)
        .as("two mention mails sent, through the capture provider")
        .isEqualTo(2);
    assertThat(subjects(errand.mails().sentTo("first@example.com")))
        .containsExactly("author mentioned you in ERR-" + task);
    assertThat(subjects(errand.mails().sentTo("second@example.com")))
        .containsExactly("author mentioned you in ERR-" + task);
    assertThat(client.get("/activity").body())
        .filteredOn(e -> e.get("action").asText().equals("commented"))
        .filteredOn(e -> e.get("taskId").asLong() == task)
        .hasSize(1);
  }

  @Test
  void shouldRemindExactlyTheAssigneesOfOverdueOpenTasksAtNine() {
    CreateUser users = errand.get(CreateUser.class);
    long late1 = users.create("late-one", "late-one@example.com").id();
    long late2 = users.create("late-two", "late-two@example.com").id();
    long onTime = users.create("on-time", "on-time@example.com").id();
    long finished = users.create("finished", "finished@example.com").id();
    LocalDate today = LocalDate.ofInstant(errand.clock().instant(), ZoneOffset.UTC);
    CreateTask tasks = errand.get(CreateTask.class);
    Task overdue = tasks.create("Late", null, List.of(late1, late2), today.minusDays(1));
    tasks.create("Fine", null, List.of(onTime), today.plusDays(3));
    Task done = tasks.create("Done", null, List.of(finished), today.minusDays(3));
    errand.get(CompleteTask.class).complete(done.id());
    errand.drain();
    errand.mails().clear();

    errand.advance(Duration.ofMinutes(59)); // 08:59
    errand.assertNotEnqueued(Jobs.OVERDUE_REMINDER_EMAIL, reminder -> true);

    errand.advance(Duration.ofMinutes(1)); // 09:00 UTC: TaskCronJobs.overdueReminders
    assertThat(errand.enqueued(Jobs.OVERDUE_REMINDER_EMAIL))
        .extracting(OverdueReminderEmail::email)
        .containsExactlyInAnyOrder("late-one@example.com", "late-two@example.com");
    errand.drain();

    String subject = "Overdue: " + overdue.key() + " Late";
    assertThat(subjects(errand.mails().sentTo("late-one@example.com"))).containsExactly(subject);
    assertThat(subjects(errand.mails().sentTo("late-two@example.com"))).containsExactly(subject);
    assertThat(errand.mails().sentTo("on-time@example.com")).isEmpty();
    assertThat(errand.mails().sentTo("finished@example.com")).isEmpty();
  }
}
