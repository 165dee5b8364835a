package dev.errand.cron.backend;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.errand.testsupport.PostgresSchema;
import dev.errand.testsupport.TestServers;

/** Pools on the shared PostgreSQL (in a {@code PostgresSchema}) and on in-memory H2. */
public final class TestDatabases {

  private TestDatabases() {}

  /** A small pool whose connections use {@code schema}. */
  public static HikariDataSource postgres(String schema) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(PostgresSchema.urlFor(schema));
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
}
