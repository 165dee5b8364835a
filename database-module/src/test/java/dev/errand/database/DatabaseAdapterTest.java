package dev.errand.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.errand.core.ErrandApp;
import dev.errand.core.ErrandStartupException;
import dev.errand.core.Settings;
import dev.errand.core.SettingsException;
import dev.errand.testsupport.PostgresSchema;
import dev.errand.testsupport.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class DatabaseAdapterTest {

  private static ErrandApp start(DatabaseSettings settings) {
    return ErrandApp.builder()
        .settings(Settings.of(Map.of()))
        .shutdownHook(false)
        .adapters(new DatabaseAdapter(settings))
        .start();
  }

  private static String query(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  @Test
  void shouldDefaultToEmbeddedH2WhenNoUrlIsSet() {
    DatabaseSettings settings = DatabaseSettings.from(Settings.of(Map.of()));

    assertThat(settings.url()).startsWith("jdbc:h2:mem:");
    assertThat(settings.user()).isEqualTo("sa");
    assertThat(settings.migrations()).containsExactly("classpath:db/migration");
  }

  @Test
  void shouldRunMigrationsAndReportHealthOnH2() throws Exception {
    DatabaseSettings settings =
        DatabaseSettings.defaults()
            .withUrl("jdbc:h2:mem:" + TestServers.unique("db") + ";DB_CLOSE_DELAY=-1", "sa", null);
    ErrandApp app = start(settings);
    try {
      assertThat(query(app.get(DataSource.class), "SELECT body FROM notes WHERE id = 1"))
          .isEqualTo("migrated");
      assertThat(app.health().components().get("DatabaseAdapter").up()).isTrue();
      assertThat(app.health().components().get("DatabaseAdapter").detail()).contains("SELECT 1");
    } finally {
      app.stop();
    }
    assertThat(app.health().components().get("DatabaseAdapter").up()).isFalse();
  }

  @Test
  void shouldPoolConnectionsAndMigrateOnPostgres() throws Exception {
    try (PostgresSchema schema = PostgresSchema.create("errand_db")) {
      DatabaseSettings settings =
          DatabaseSettings.defaults()
              .withUrl(schema.url(), TestServers.postgresUser(), TestServers.postgresPassword());
      ErrandApp app = start(settings);
      try {
        DataSource dataSource = app.get(DataSource.class);
        assertThat(dataSource.getClass().getSimpleName()).isEqualTo("HikariDataSource");
        assertThat(query(dataSource, "SELECT body FROM notes WHERE id = 1")).isEqualTo("migrated");
        assertThat(query(dataSource, "SELECT current_schema()")).isEqualTo(schema.name());
        assertThat(app.health().up()).isTrue();
      } finally {
        app.stop();
      }
    }
  }

  private static boolean tableExists(DataSource dataSource, String table) throws SQLException {
    return "1"
        .equals(
            query(
                dataSource,
                "SELECT count(*) FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_name = '"
                    + table
                    + "'"));
  }

  @Test
  void shouldRunNothingAndCreateNoHistoryTableWhenThereAreNoMigrations() throws Exception {
    try (PostgresSchema schema = PostgresSchema.create("errand_db")) {
      for (DatabaseSettings settings :
          new DatabaseSettings[] {
            DatabaseSettings.defaults()
                .withUrl(schema.url(), TestServers.postgresUser(), TestServers.postgresPassword())
                .withMigrations("classpath:db/nothing-here"),
            DatabaseSettings.from(
                    Settings.of(
                        Map.of("DATABASE_URL", schema.url(), "DATABASE_MIGRATIONS", "none")))
                .withUrl(schema.url(), TestServers.postgresUser(), TestServers.postgresPassword())
          }) {
        ErrandApp app = start(settings);
        try {
          assertThat(tableExists(app.get(DataSource.class), "flyway_schema_history")).isFalse();
        } finally {
          app.stop();
        }
      }
      assertThat(
              DatabaseSettings.from(Settings.of(Map.of("DATABASE_MIGRATIONS", "none")))
                  .migrations())
          .isEmpty();
    }
  }

  @Test
  void shouldNameTheBaselineSettingForATableFullDatabaseAndAdoptItWhenAsked() throws Exception {
    try (PostgresSchema schema = PostgresSchema.create("errand_db")) {
      DatabaseSettings settings =
          DatabaseSettings.defaults()
              .withUrl(schema.url(), TestServers.postgresUser(), TestServers.postgresPassword());
      try (Connection c =
              java.sql.DriverManager.getConnection(
                  schema.url(), TestServers.postgresUser(), TestServers.postgresPassword());
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE legacy (id int)");
      }

      assertThatThrownBy(() -> start(settings))
          .isInstanceOf(ErrandStartupException.class)
          .hasMessageContaining("already holds tables but no history")
          .hasMessageContaining("DATABASE_BASELINE_ON_MIGRATE=true");

      ErrandApp app = start(settings.withBaselineOnMigrate(true));
      try {
        DataSource dataSource = app.get(DataSource.class);
        assertThat(tableExists(dataSource, "legacy")).isTrue();
        assertThat(tableExists(dataSource, "flyway_schema_history")).isTrue();
      } finally {
        app.stop();
      }
    }
  }

  @Test
  void shouldLetAPoolCustomizerTuneThePoolBeforeItOpens() throws Exception {
    DatabaseAdapter adapter =
        new DatabaseAdapter(
                DatabaseSettings.defaults()
                    .withUrl(
                        "jdbc:h2:mem:" + TestServers.unique("db") + ";DB_CLOSE_DELAY=-1",
                        "sa",
                        null))
            .withPoolCustomizer(pool -> pool.setSchema("PUBLIC"))
            .withPoolCustomizer(pool -> pool.setPoolName("tracker-pool"));
    ErrandApp app =
        ErrandApp.builder()
            .settings(Settings.of(Map.of()))
            .shutdownHook(false)
            .adapters(adapter)
            .start();
    try {
      HikariDataSource pool = (HikariDataSource) app.get(DataSource.class);
      assertThat(pool.getPoolName()).isEqualTo("tracker-pool");
      assertThat(query(pool, "SELECT CURRENT_SCHEMA")).isEqualTo("PUBLIC");
    } finally {
      app.stop();
    }
  }

  @Test
  void shouldFailClearlyWithoutThePasswordWhenTheDatabaseIsUnreachable() {
    DatabaseSettings settings =
        DatabaseSettings.from(
            Settings.of(
                Map.of(
                    "DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/test",
                    "DATABASE_USER", "app",
                    "DATABASE_PASSWORD", "s3cret-pw",
                    "DATABASE_CONNECT_TIMEOUT", "1s")));

    assertThatThrownBy(() -> start(settings))
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining("DatabaseAdapter failed to start")
        .hasMessageContaining(
            "Cannot connect to the database at jdbc:postgresql://127.0.0.1:1/test")
        .hasMessageContaining("DATABASE_URL")
        .satisfies(e -> assertThat(fullText(e)).doesNotContain("s3cret-pw"));
  }

  @Test
  void shouldRejectAMalformedUrlNamingTheSettingWithoutThePassword() {
    assertThatThrownBy(
            () ->
                DatabaseSettings.from(
                    Settings.of(Map.of("DATABASE_URL", "mysql://db/app?password=s3cret-pw"))))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("DATABASE_URL")
        .hasMessageContaining("jdbc:postgresql://")
        .hasMessageNotContaining("s3cret-pw");
  }

  @Test
  void shouldFailStartAndClosePoolWhenAMigrationIsBroken() {
    DatabaseAdapter adapter =
        new DatabaseAdapter(
            DatabaseSettings.defaults()
                .withUrl(
                    "jdbc:h2:mem:" + TestServers.unique("db") + ";DB_CLOSE_DELAY=-1", "sa", null)
                .withMigrations("classpath:db/broken"));

    assertThatThrownBy(
            () ->
                ErrandApp.builder()
                    .settings(Settings.of(Map.of()))
                    .shutdownHook(false)
                    .adapters(adapter)
                    .start())
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining("DatabaseAdapter failed to start")
        .hasMessageContaining("V1__broken.sql");
    assertThat(adapter.health().up()).isFalse();
  }

  private static String fullText(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }
}
