package dev.errand.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.postgres.fixtures.Holding;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobOutcome;
import dev.errand.queue.JobWaitTimeoutException;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two applications on one database, each with its queue tables in a schema of its own under the
 * same prefix: PostgreSQL's notification channels are shared by the whole database, so each
 * application's must be its schema's. Neither hears the other's job events (a caller waiting for
 * its job must not get the other's job of the same id) nor its cancellations (the other's running
 * job of the same id must not be interrupted).
 */
class SchemasKeptApartTest {

  @RegisterExtension final TestPostgres first = new TestPostgres();
  @RegisterExtension final TestPostgres second = new TestPostgres();
  private ErrandApp one;
  private ErrandApp two;

  @BeforeEach
  void start() {
    Holding.release = new CountDownLatch(1);
    Holding.STARTED.clear();
    Holding.INTERRUPTED.clear();
    one = app(first);
    two = app(second);
  }

  @AfterEach
  void stop() {
    Holding.release.countDown();
    List.of(one, two).forEach(ErrandApp::stop);
  }

  private static ErrandApp app(TestPostgres postgres) {
    Settings settings = Settings.of(Map.of());
    return ErrandApp.builder()
        .settings(settings)
        .adapters(
            new QueueAdapter(QueueSettings.from(settings))
                .withBackend(PostgresQueue.backend(postgres.dataSource(4), Clock.systemUTC()))
                .withClasses(Holding.class))
        .shutdownHook(false)
        .start();
  }

  private static JobOptions id(String id) {
    return JobOptions.builder().jobId(id).build();
  }

  @Test
  void shouldNotGiveACallerTheOutcomeOfAnotherSchemasJobOfTheSameId() {
    QueueService waiting = two.get(QueueService.class);
    Thread other =
        Thread.ofVirtual()
            .start(
                () -> {
                  await().atMost(10, TimeUnit.SECONDS).until(() -> Holding.STARTED.contains("two"));
                  one.get(QueueService.class)
                      .add(
                          Holding.HOLD.queue(),
                          Holding.HOLD.name(),
                          new Holding.Hold("one", false),
                          id("same"));
                });

    assertThatThrownBy(
            () ->
                waiting.addAndWait(
                    Holding.HOLD.queue(),
                    Holding.HOLD.name(),
                    new Holding.Hold("two", true),
                    id("same"),
                    Duration.ofSeconds(2)))
        .isInstanceOf(JobWaitTimeoutException.class);
    assertThat(Holding.STARTED).contains("one");
    other.interrupt();
  }

  @Test
  void shouldNotInterruptAnotherSchemasRunningJobOfTheSameId() {
    one.get(QueueService.class)
        .add(Holding.HOLD.queue(), Holding.HOLD.name(), new Holding.Hold("one", true), id("same"));
    two.get(QueueService.class)
        .add(Holding.HOLD.queue(), Holding.HOLD.name(), new Holding.Hold("two", true), id("same"));
    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(() -> Holding.STARTED.containsAll(List.of("one", "two")));

    assertThat(two.get(QueueAdmin.class).cancel(Holding.HOLD.queue(), "same")).isTrue();

    await().atMost(10, TimeUnit.SECONDS).until(() -> Holding.INTERRUPTED.contains("two"));
    await()
        .during(Duration.ofSeconds(1))
        .atMost(3, TimeUnit.SECONDS)
        .until(() -> !Holding.INTERRUPTED.contains("one"));
    Holding.release.countDown();
    JobOutcome outcome =
        one.get(QueueService.class)
            .addAndWait(
                Holding.HOLD.queue(),
                Holding.HOLD.name(),
                new Holding.Hold("after", false),
                JobOptions.defaults(),
                Duration.ofSeconds(10));
    assertThat(outcome.succeeded()).isTrue();
  }
}
