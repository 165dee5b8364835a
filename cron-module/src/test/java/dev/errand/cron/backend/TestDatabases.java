package dev.errand.cron.backend;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.errand.testsupport.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Pools on the shared PostgreSQL (one schema per test class) and on in-memory H2. */
public final class TestDatabases {

  private TestDatabases() {}

  /** A fresh schema name, safe to use unquoted. */
  public static String uniqueSchema(String prefix) {
    return TestServers.unique(prefix).replace('-', '_').toLowerCase();
  }

  public static void createSchema(String schema) {
    execute("CREATE SCHEMA " + schema);
  }

  public static void dropSchema(String schema) {
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  /** A small pool whose connections use {@code schema}. */
  public static HikariDataSource postgres(String schema) {
    HikariConfig config = new HikariConfig();
    String url = TestServers.postgresUrl();
    config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    config.setUsername(TestServers.postgresUser());
    config.setPassword(TestServers.postgresPassword());
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }

  /** A pool on a named in-memory H2 database that lives until the JVM exits. */
  public static HikariDataSource h2(String name) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
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
      throw new IllegalStateException("Cannot run " + sql + ": " + e.getMessage(), e);
    }
  }
}
