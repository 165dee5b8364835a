package dev.errand.postgres.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.ErrandStartupException;
import dev.errand.core.Settings;
import dev.errand.database.DatabaseAdapter;
import dev.errand.database.DatabaseSettings;
import dev.errand.postgres.fixtures.Greetings;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import dev.errand.testsupport.TestServers;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The outbox on the embedded defaults: the memory queue and the in-memory H2 database, as the
 * example app runs them; and the settings' errors.
 */
class EmbeddedOutboxTest {

  /** An in-memory H2 database of this test's own (the default name is shared by the whole JVM). */
  private static String h2() {
    return "jdbc:h2:mem:" + TestServers.unique("outbox") + ";DB_CLOSE_DELAY=-1";
  }

  @Test
  void shouldRunTheJobsOfACommittedH2TransactionOnTheMemoryQueue() throws Exception {
    Greetings.GREETED.clear();
    Settings settings = Settings.of(Map.of("JOBS_OUTBOX", "true", "DATABASE_URL", h2()));
    ErrandApp app =
        ErrandApp.builder()
            .settings(settings)
            .adapters(
                new DatabaseAdapter(DatabaseSettings.from(settings)),
                new QueueAdapter(QueueSettings.from(settings)).withClasses(Greetings.class))
            .shutdownHook(false)
            .start();
    try {
      QueueAdmin admin = app.get(QueueAdmin.class);
      String kept;
      try (Connection c = app.get(DataSource.class).getConnection()) {
        c.setAutoCommit(false);
        var adder = app.get(QueueService.class).inTransaction(c);
        adder.add(Greetings.GREET, new Greetings.Greeting("rolled back"));
        c.rollback();
        kept = adder.add(Greetings.GREET, new Greetings.Greeting("kept"));
        c.commit();
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  admin.job("greetings", kept).map(JobInfo::state).orElse(null)
                      == JobState.COMPLETED);
      assertThat(Greetings.GREETED).containsExactly("kept");
    } finally {
      app.stop();
    }
  }

  @Test
  void shouldRefuseToStartTheOutboxWithoutADatabaseAdapterBeforeTheQueue() {
    Settings settings = Settings.of(Map.of("JOBS_OUTBOX", "true", "DATABASE_URL", h2()));
    assertThatThrownBy(
            () ->
                ErrandApp.builder()
                    .settings(settings)
                    .adapters(
                        new QueueAdapter(QueueSettings.from(settings)),
                        new DatabaseAdapter(DatabaseSettings.from(settings)))
                    .shutdownHook(false)
                    .start())
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining("DataSource")
        .hasMessageContaining("DatabaseAdapter");
  }

  @Test
  void shouldNameThePollSettingAndWhatItTakes() {
    Settings settings =
        Settings.of(Map.of("JOBS_OUTBOX", "true", "JOBS_OUTBOX_POLL", "5ms", "DATABASE_URL", h2()));
    assertThatThrownBy(
            () ->
                ErrandApp.builder()
                    .settings(settings)
                    .adapters(
                        new DatabaseAdapter(DatabaseSettings.from(settings)),
                        new QueueAdapter(QueueSettings.from(settings)))
                    .shutdownHook(false)
                    .start())
        .hasMessageContaining("JOBS_OUTBOX_POLL")
        .hasMessageContaining("10ms to 1m");
  }
}
