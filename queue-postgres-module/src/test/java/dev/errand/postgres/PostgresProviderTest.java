package dev.errand.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.ErrandStartupException;
import dev.errand.core.Settings;
import dev.errand.database.DatabaseAdapter;
import dev.errand.database.DatabaseSettings;
import dev.errand.postgres.fixtures.Greetings;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueSettings;
import dev.errand.testsupport.PostgresSchema;
import dev.errand.testsupport.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** JOBS_BACKEND=postgres as an application selects it: on DatabaseAdapter's DataSource. */
class PostgresProviderTest {

  @RegisterExtension final TestPostgres postgres = new TestPostgres();

  private Settings settings(String databaseUrl, String... more) {
    Map<String, String> values = new HashMap<>();
    values.put("JOBS_BACKEND", "postgres");
    values.put("DATABASE_USER", TestServers.postgresUser());
    if (databaseUrl != null) {
      values.put("DATABASE_URL", databaseUrl);
    }
    for (int i = 0; i < more.length; i += 2) {
      values.put(more[i], more[i + 1]);
    }
    return Settings.of(values);
  }

  private static ErrandApp start(Settings settings, boolean databaseFirst) {
    DatabaseAdapter database = new DatabaseAdapter(DatabaseSettings.from(settings));
    QueueAdapter queue =
        new QueueAdapter(QueueSettings.from(settings)).withClasses(Greetings.class);
    return ErrandApp.builder()
        .settings(settings)
        .adapters(databaseFirst ? database : queue, databaseFirst ? queue : database)
        .shutdownHook(false)
        .start();
  }

  @Test
  void shouldRunJobsInTablesOfItsOwnWithItsOwnMigrationHistory() throws Exception {
    ErrandApp app = start(settings(postgres.url(), "JOBS_TABLE_PREFIX", "acme_"), true);
    try {
      String id =
          app.get(dev.errand.queue.QueueService.class)
              .add(Greetings.GREET, new Greetings.Greeting("ada"));
      QueueAdmin admin = app.get(QueueAdmin.class);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  admin.job("greetings", id).map(j -> j.state()).orElse(null)
                      == JobState.COMPLETED);
      assertThat(Greetings.GREETED).contains("ada");
      assertThat(tables(app.get(DataSource.class)))
          .contains(
              "acme_job",
              "acme_job_log",
              "acme_queue",
              "acme_group_window",
              "acme_queue_schema_history")
          .doesNotContain("errand_job", "flyway_schema_history");
    } finally {
      app.stop();
    }
  }

  @Test
  void shouldNameDatabaseAdapterWhenItIsListedAfterTheQueue() {
    assertThatThrownBy(() -> start(settings(postgres.url()), false))
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining("QueueAdapter requires")
        .hasMessageContaining("DataSource")
        .hasMessageContaining("DatabaseAdapter");
  }

  @Test
  void shouldRefuseADataSourceThatIsNotPostgres() {
    // No DATABASE_URL: DatabaseAdapter's embedded H2.
    assertThatThrownBy(() -> start(settings(null), true))
        .hasStackTraceContaining("JOBS_BACKEND=postgres needs a PostgreSQL DataSource")
        .hasStackTraceContaining("H2");
  }

  @Test
  void shouldNameTheSchemaThatIsMissing() {
    String missing = postgres.schemaName() + "_missing";
    assertThatThrownBy(() -> start(settings(PostgresSchema.urlFor(missing)), true))
        .hasStackTraceContaining("found no schema")
        .hasStackTraceContaining(missing);
  }

  @Test
  void shouldRefuseATablePrefixPostgresCouldNotNameTablesWith() {
    assertThatThrownBy(() -> start(settings(postgres.url(), "JOBS_TABLE_PREFIX", "Jobs-"), true))
        .hasStackTraceContaining("JOBS_TABLE_PREFIX 'Jobs-' is not allowed");
  }

  private static List<String> tables(DataSource dataSource) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        ResultSet rows =
            c.createStatement()
                .executeQuery(
                    "SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = current_schema()")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }
}
