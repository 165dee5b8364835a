package dev.errand.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.cron.CronService;
import dev.errand.example.jobs.Jobs;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueAdmin;
import dev.errand.testsupport.PostgresSchema;
import dev.errand.testsupport.RedisServerProcess;
import dev.errand.testsupport.TestServers;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tracker on real infrastructure: PostgreSQL, a private Redis (queue and cron store), and an
 * in-process SMTP server (GreenMail). Each test uses its own users, so their mails never mix.
 */
class RealServersTest {

  private static PostgresSchema schema;
  private static RedisServerProcess redis;
  private static int smtpPort;
  private static GreenMail smtp;
  private static ErrandApp app;
  private static TrackerClient client;

  @BeforeAll
  static void start() throws Exception {
    redis = RedisServerProcess.start();
    smtpPort = RedisServerProcess.freePort();
    smtp = startSmtp();
    schema = PostgresSchema.create("tracker");
    app =
        ExampleApp.start(
            Settings.of(
                Map.ofEntries(
                    Map.entry("PORT", "0"),
                    Map.entry("EXAMPLE_BIND", "127.0.0.1"),
                    Map.entry("EXAMPLE_DEMO_DATA", "false"),
                    Map.entry("EXAMPLE_MAIL_ATTEMPTS", "3"),
                    Map.entry("EXAMPLE_MAIL_BACKOFF", "100ms"),
                    Map.entry("DATABASE_URL", schema.url()),
                    Map.entry("DATABASE_USER", TestServers.postgresUser()),
                    Map.entry("DATABASE_PASSWORD", TestServers.postgresPassword()),
                    Map.entry("REDIS_URL", redis.url()),
                    Map.entry("JOBS_BACKEND", "redis"),
                    Map.entry("CRON_STORE", "redis"),
                    Map.entry("MAIL_PROVIDER", "smtp"),
                    Map.entry("MAIL_SMTP_HOST", "127.0.0.1"),
                    Map.entry("MAIL_SMTP_PORT", String.valueOf(smtpPort)),
                    Map.entry("MAIL_SMTP_TLS", "none"),
                    Map.entry("MAIL_CONNECT_TIMEOUT", "1s"),
                    Map.entry("MAIL_READ_TIMEOUT", "2s"))),
            Clock.systemUTC());
    client = new TrackerClient(app);
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.stop();
    }
    smtp.stop();
    redis.close();
    schema.close();
  }

  private static GreenMail startSmtp() {
    GreenMail server =
        new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return server;
  }

  private static List<MimeMessage> mailTo(String address) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> recipients(m).contains(address))
        .toList();
  }

  private static List<String> recipients(MimeMessage message) {
    try {
      Address[] to = message.getRecipients(Message.RecipientType.TO);
      return to == null ? List.of() : Arrays.stream(to).map(RealServersTest::bare).toList();
    } catch (MessagingException e) {
      throw new AssertionError(e);
    }
  }

  private static String bare(Address address) {
    return ((jakarta.mail.internet.InternetAddress) address).getAddress();
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void shouldSendAWelcomeMailWhenAUserIsCreated() {
    client.createUser("welcome-ada");

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(mailTo("welcome-ada@example.com"))
                    .extracting(RealServersTest::subject)
                    .containsExactly("Welcome to the tracker, welcome-ada!"));
  }

  @Test
  void shouldNotifyAndMailEachMentionedUserAndLogOneActivityEntry() {
    long author = client.createUser("mention-author");
    long first = client.createUser("mention-first");
    long second = client.createUser("mention-second");
    long task = client.post("/tasks", "{\"title\":\"Review\"}").body().get("id").asLong();

    TrackerClient.Answer comment =
        client.post(
            "/tasks/" + task + "/comments",
            "{\"authorId\":"
                + author
                + ",\"body\":\"@mention-first @mention-second have a look\"}");

    assertThat(comment.status()).isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(client.get("/users/" + first + "/notifications").body()).hasSize(1);
              assertThat(client.get("/users/" + second + "/notifications").body()).hasSize(1);
              assertThat(mailTo("mention-first@example.com"))
                  .extracting(RealServersTest::subject)
                  .contains("mention-author mentioned you in ERR-" + task);
              assertThat(mailTo("mention-second@example.com"))
                  .extracting(RealServersTest::subject)
                  .contains("mention-author mentioned you in ERR-" + task);
              assertThat(client.get("/activity").body())
                  .filteredOn(e -> e.get("action").asText().equals("commented"))
                  .filteredOn(e -> e.get("taskId").asLong() == task)
                  .hasSize(1);
            });
    assertThat(mailTo("mention-first@example.com"))
        .filteredOn(m -> subject(m).contains("mentioned you"))
        .hasSize(1);
  }

  @Test
  void shouldRetryThenDeadLetterTheMailWhileTheCommentIsStillAccepted() {
    long author = client.createUser("down-author");
    long reader = client.createUser("down-reader");
    long task = client.post("/tasks", "{\"title\":\"Outage\"}").body().get("id").asLong();
    QueueAdmin admin = app.get(QueueAdmin.class);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> mailTo("down-reader@example.com").size() == 1); // its welcome mail
    smtp.stop();
    try {
      TrackerClient.Answer comment =
          client.post(
              "/tasks/" + task + "/comments",
              "{\"authorId\":" + author + ",\"body\":\"@down-reader the mail server is down\"}");

      assertThat(comment.status()).isEqualTo(201);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                List<JobInfo> dead = admin.jobs(Jobs.EMAIL, JobState.DEAD, 0, 100);
                assertThat(dead)
                    .filteredOn(j -> j.name().equals("send-mentioned"))
                    .filteredOn(j -> j.payload().contains("down-reader@example.com"))
                    .singleElement()
                    .satisfies(j -> assertThat(j.attemptsMade()).isEqualTo(3))
                    .satisfies(j -> assertThat(j.failure()).isNotNull());
              });
      assertThat(client.get("/users/" + reader + "/notifications").body())
          .as("the notification does not depend on mail")
          .hasSize(1);
    } finally {
      smtp = startSmtp();
    }
  }

  @Test
  void shouldRemindExactlyTheAssigneesOfOverdueOpenTasks() throws Exception {
    long late1 = client.createUser("late-one");
    long late2 = client.createUser("late-two");
    long onTime = client.createUser("on-time");
    long finished = client.createUser("finished");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    long overdue =
        client
            .post(
                "/tasks",
                "{\"title\":\"Late\",\"assigneeIds\":["
                    + late1
                    + ","
                    + late2
                    + "],\"dueDate\":\""
                    + today.minusDays(1)
                    + "\"}")
            .body()
            .get("id")
            .asLong();
    client.post(
        "/tasks",
        "{\"title\":\"Fine\",\"assigneeIds\":["
            + onTime
            + "],\"dueDate\":\""
            + today.plusDays(3)
            + "\"}");
    long done =
        client
            .post(
                "/tasks",
                "{\"title\":\"Done\",\"assigneeIds\":["
                    + finished
                    + "],\"dueDate\":\""
                    + today.minusDays(3)
                    + "\"}")
            .body()
            .get("id")
            .asLong();
    assertThat(client.post("/tasks/" + done + "/done", "").status()).isEqualTo(200);

    app.get(CronService.class).trigger("TaskCronJobs.overdueReminders").get(30, TimeUnit.SECONDS);

    String subject = "Overdue: ERR-" + overdue + " Late";
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(mailTo("late-one@example.com"))
                  .extracting(RealServersTest::subject)
                  .contains(subject);
              assertThat(mailTo("late-two@example.com"))
                  .extracting(RealServersTest::subject)
                  .contains(subject);
            });
    QueueAdmin admin = app.get(QueueAdmin.class);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              var counts = admin.counts(Jobs.EMAIL);
              return counts.waiting() + counts.active() + counts.delayed() == 0;
            });
    assertThat(mailTo("on-time@example.com"))
        .extracting(RealServersTest::subject)
        .noneMatch(s -> s.startsWith("Overdue"));
    assertThat(mailTo("finished@example.com"))
        .extracting(RealServersTest::subject)
        .noneMatch(s -> s.startsWith("Overdue"));
  }
}
