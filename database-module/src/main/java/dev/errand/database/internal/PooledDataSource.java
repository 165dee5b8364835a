package dev.errand.database.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.errand.core.Failures;
import dev.errand.core.Health;
import dev.errand.database.DatabaseSettings;
import dev.errand.database.spi.PoolCustomizer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The Hikari pool behind the bound {@code DataSource}. It is configured when the injector is built
 * but opens no connection until {@link #open()}, so building an application never touches the
 * database and a failure surfaces in the adapter's start with a clear message.
 */
public final class PooledDataSource {

  private final DatabaseSettings settings;
  private final HikariDataSource pool = new HikariDataSource();

  public PooledDataSource(DatabaseSettings settings) {
    this.settings = settings;
    pool.setPoolName("errand-db");
    pool.setJdbcUrl(settings.url());
    if (settings.user() != null) {
      pool.setUsername(settings.user());
    }
    if (settings.password() != null) {
      pool.setPassword(settings.password());
    }
    pool.setMaximumPoolSize(settings.poolSize());
    pool.setConnectionTimeout(Math.max(250, settings.connectTimeout().toMillis()));
    pool.setInitializationFailTimeout(Math.max(1, settings.connectTimeout().toMillis()));
  }

  public HikariDataSource dataSource() {
    return pool;
  }

  /** Applies the customizers, opens the pool and proves a connection works. */
  public void open(List<PoolCustomizer> customizers) {
    // HikariDataSource is its own HikariConfig; it seals the configuration at the first
    // connection, so customizers run here, not when the injector is built.
    customizers.forEach(customizer -> customizer.customize(pool));
    try (Connection connection = pool.getConnection()) {
      connection.isValid(5);
    } catch (SQLException | RuntimeException e) {
      // The driver's exception is not chained: some drivers echo the URL, and with it any
      // password parameter, in their messages. The redacted root cause says what went wrong.
      throw new IllegalStateException(
          "Cannot connect to the database at "
              + settings.redactedUrl()
              + (settings.user() == null ? "" : " as " + settings.user())
              + ": "
              + JdbcUrls.redact(Failures.rootMessage(e))
              + ". Check DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD and that the server"
              + " is running.");
    }
  }

  /**
   * Runs the application's migrations; returns how many were applied. With no migration found in
   * the locations it runs nothing and creates nothing, not even Flyway's history table.
   */
  public int migrate() {
    if (settings.migrations().isEmpty()) {
      return 0;
    }
    Flyway flyway =
        Flyway.configure()
            .dataSource(pool)
            .locations(settings.migrations().toArray(String[]::new))
            .failOnMissingLocations(false)
            .baselineOnMigrate(settings.baselineOnMigrate())
            .load();
    if (flyway.info().all().length == 0) {
      return 0;
    }
    try {
      MigrateResult result = flyway.migrate();
      return result.migrationsExecuted;
    } catch (FlywayException e) {
      if (String.valueOf(e.getMessage()).contains("non-empty schema")) {
        throw new IllegalStateException(
            "The database at "
                + settings.redactedUrl()
                + " already holds tables but no history of these migrations ("
                + settings.migrations()
                + "). To adopt it as it is and run only newer migrations, set"
                + " DATABASE_BASELINE_ON_MIGRATE=true; to use an empty database, point DATABASE_URL"
                + " at one",
            e);
      }
      throw e;
    }
  }

  /** Up when {@code SELECT 1} answers. */
  public Health health() {
    if (pool.isClosed()) {
      return Health.down("the connection pool is closed");
    }
    return Health.check(
        () -> {
          try (Connection connection = pool.getConnection();
              Statement statement = connection.createStatement();
              ResultSet rows = statement.executeQuery("SELECT 1")) {
            rows.next();
            return Health.ok("SELECT 1 answered at " + settings.redactedUrl());
          }
        });
  }

  public void close() {
    pool.close();
  }
}
