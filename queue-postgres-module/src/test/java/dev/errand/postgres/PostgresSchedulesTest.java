package dev.errand.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.cron.CronAdapter;
import dev.errand.cron.CronSettings;
import dev.errand.cron.JobSchedules;
import dev.errand.cron.Recurrence;
import dev.errand.cron.ScheduleInfo;
import dev.errand.database.DatabaseAdapter;
import dev.errand.database.DatabaseSettings;
import dev.errand.postgres.fixtures.Greetings;
import dev.errand.queue.JobOptions;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueSettings;
import dev.errand.testsupport.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With JOBS_BACKEND=postgres, runtime schedules live in a table beside the queue's. */
class PostgresSchedulesTest {

  @RegisterExtension final TestPostgres postgres = new TestPostgres();

  private ErrandApp start() {
    Settings settings =
        Settings.of(
            Map.of(
                "JOBS_BACKEND",
                "postgres",
                "JOBS_TABLE_PREFIX",
                "acme_",
                "DATABASE_URL",
                postgres.url(),
                "DATABASE_USER",
                TestServers.postgresUser()));
    return ErrandApp.builder()
        .settings(settings)
        .adapters(
            new DatabaseAdapter(DatabaseSettings.from(settings)),
            new QueueAdapter(QueueSettings.from(settings)).withClasses(Greetings.class),
            new CronAdapter(CronSettings.from(settings)))
        .shutdownHook(false)
        .start();
  }

  @Test
  void shouldKeepSchedulesInTheQueuesDatabaseAcrossRestarts() throws Exception {
    String who = TestServers.unique("scheduled");
    ErrandApp first = start();
    try {
      first
          .get(JobSchedules.class)
          .upsert(
              "greet-" + who,
              Recurrence.every(Duration.ofSeconds(1)),
              Greetings.GREET,
              new Greetings.Greeting(who),
              JobOptions.defaults());
      await().atMost(Duration.ofSeconds(10)).until(() -> Greetings.GREETED.contains(who));
      try (Connection c = first.get(DataSource.class).getConnection();
          ResultSet row =
              c.createStatement()
                  .executeQuery("SELECT runs FROM acme_schedule WHERE id = 'greet-" + who + "'")) {
        assertThat(row.next()).isTrue();
        assertThat(row.getLong(1)).isPositive();
      }
    } finally {
      first.stop();
    }

    ErrandApp second = start();
    try {
      ScheduleInfo kept = second.get(JobSchedules.class).get("greet-" + who).orElseThrow();
      assertThat(kept.runs()).isPositive();
      assertThat(kept.lastRun()).isNotNull();
    } finally {
      second.stop();
    }
  }
}
