package dev.errand.postgres.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Checks that the DataSource is a PostgreSQL 13 or newer with a current schema, then creates or
 * updates the queue tables with the module's own Flyway migrations, recorded in a history table of
 * their own ({@code <prefix>queue_schema_history}), apart from the application's.
 */
final class PgSchema {

  static final String MIGRATIONS = "classpath:dev/errand/postgres/migration";
  private static final int OLDEST_MAJOR = 13;

  private PgSchema() {}

  static void prepare(DataSource dataSource, Tables tables) {
    String schema = check(dataSource);
    tables.scopeChannelsTo(schema);
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations(MIGRATIONS)
          .table(tables.history())
          .placeholders(Map.of("prefix", tables.prefix()))
          // The schema usually holds the application's own tables already.
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new IllegalStateException(
          "Cannot create the queue tables "
              + tables.job()
              + "... in schema "
              + schema
              + ": "
              + e.getMessage()
              + ". The database user needs CREATE on that schema.",
          e);
    }
  }

  /** The current schema, after checking the database is a PostgreSQL that can hold the queue. */
  private static String check(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      String product = meta.getDatabaseProductName();
      if (!"PostgreSQL".equals(product)) {
        throw new IllegalArgumentException(
            "JOBS_BACKEND=postgres needs a PostgreSQL DataSource, but "
                + meta.getURL()
                + " is "
                + product
                + ": set DATABASE_URL to a jdbc:postgresql: URL, or choose JOBS_BACKEND=memory"
                + " or redis");
      }
      if (meta.getDatabaseMajorVersion() < OLDEST_MAJOR) {
        throw new IllegalArgumentException(
            "JOBS_BACKEND=postgres needs PostgreSQL "
                + OLDEST_MAJOR
                + " or newer, but the server is "
                + meta.getDatabaseProductVersion());
      }
      try (Statement statement = connection.createStatement();
          ResultSet row =
              statement.executeQuery("SELECT current_schema(), current_setting('search_path')")) {
        row.next();
        if (row.getString(1) == null) {
          throw new IllegalStateException(
              "JOBS_BACKEND=postgres found no schema to keep its tables in: none of the search"
                  + " path '"
                  + row.getString(2)
                  + "' exists. Create the schema (CREATE SCHEMA ...), or fix currentSchema in"
                  + " DATABASE_URL");
        }
        return row.getString(1);
      }
    } catch (SQLException e) {
      throw Jdbc.failure("connect to check the queue's database", e);
    }
  }
}
