package dev.errand.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.example.domain.Sql;
import dev.errand.example.domain.UserRepository;
import dev.errand.example.jobs.Jobs;
import dev.errand.example.jobs.Payloads.WelcomeEmail;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tracker's use cases write their rows and add their jobs in one transaction (the outbox on the
 * embedded H2 and memory queue): the jobs exist exactly when the rows do.
 */
class TransactionalJobsTest {

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

  @Test
  void shouldSendTheWelcomeMailOfAUserCreatedInTheUseCasesTransaction() {
    assertThat(client.createUser("committed")).isPositive();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                admin.jobs(Jobs.EMAIL, JobState.COMPLETED, 0, 100).stream()
                    .anyMatch(
                        job ->
                            job.id().startsWith("outbox-")
                                && job.payload().contains("committed@example.com")));
  }

  @Test
  void shouldLeaveNeitherTheUserNorItsJobWhenTheTransactionRollsBack() {
    Sql sql = app.get(Sql.class);
    UserRepository users = app.get(UserRepository.class);
    String[] id = new String[1];

    assertThatThrownBy(
            () ->
                sql.transaction(
                    connection -> {
                      users.create("rolledback", "rolledback@example.com", Instant.now());
                      id[0] =
                          app.get(QueueService.class)
                              .inTransaction(connection)
                              .add(
                                  Jobs.WELCOME_EMAIL,
                                  new WelcomeEmail("rolledback@example.com", "rolledback"));
                      throw new IllegalStateException("the use case fails after its add");
                    }))
        .hasMessageContaining("fails after its add");

    // A user created after it: once its job is in the queue, the relay has had its turn.
    client.createUser("after");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> users.findByName("after").isPresent() && hasWelcome("after"));
    assertThat(users.findByName("rolledback")).isEmpty();
    assertThat(admin.job(Jobs.EMAIL, id[0])).isEmpty();
    assertThat(hasWelcome("rolledback")).isFalse();
  }

  private static boolean hasWelcome(String name) {
    for (JobState state : JobState.values()) {
      for (JobInfo job : admin.jobs(Jobs.EMAIL, state, 0, 200)) {
        if (job.payload().contains(name + "@example.com")) {
          return true;
        }
      }
    }
    return false;
  }
}
