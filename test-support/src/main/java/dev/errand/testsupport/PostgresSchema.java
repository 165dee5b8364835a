package dev.errand.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * A schema of its own on the shared test PostgreSQL, dropped with everything in it on close, so
 * tests never see each other's tables.
 *
 * <pre>{@code
 * try (PostgresSchema schema = PostgresSchema.create("tracker")) {
 *   String url = schema.url();   // jdbc:postgresql://...?currentSchema=tracker_3f2a9c1b
 * }
 * }</pre>
 */
public final class PostgresSchema implements AutoCloseable {

  private final String name;

  private PostgresSchema(String name) {
    this.name = name;
  }

  /** Creates {@code prefix_<random>}. */
  public static PostgresSchema create(String prefix) {
    PostgresSchema schema =
        new PostgresSchema(TestServers.unique(prefix).replace('-', '_').toLowerCase(Locale.ROOT));
    execute("CREATE SCHEMA " + schema.name);
    return schema;
  }

  public String name() {
    return name;
  }

  /** The test database URL with this schema as the connections' current schema. */
  public String url() {
    return urlFor(name);
  }

  /** The test database URL with {@code schema} current, for a schema created elsewhere. */
  public static String urlFor(String schema) {
    String base = TestServers.postgresUrl();
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  @Override
  public void close() {
    execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
  }

  private static void execute(String sql) {
    try (Connection connection =
            DriverManager.getConnection(
                TestServers.postgresUrl(),
                TestServers.postgresUser(),
                TestServers.postgresPassword());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot run '" + sql + "' on " + TestServers.postgresUrl() + ": " + e.getMessage(), e);
    }
  }
}
