package dev.errand.cron.backend;

import com.zaxxer.hikari.HikariDataSource;
import dev.errand.cron.internal.jdbc.JdbcCronStore;
import dev.errand.cron.spi.CronStore;
import dev.errand.testsupport.PostgresSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Stores on one database, each with a pool of its own: PostgreSQL in a fresh schema, or H2. */
public final class JdbcBackend implements StoreBackend {

  private final String schema;
  private final Supplier<HikariDataSource> pools;
  private final Runnable cleanup;
  private final List<HikariDataSource> opened = new ArrayList<>();

  private JdbcBackend(String schema, Supplier<HikariDataSource> pools, Runnable cleanup) {
    this.schema = schema;
    this.pools = pools;
    this.cleanup = cleanup;
  }

  /** A fresh schema on the shared PostgreSQL, dropped on close. */
  public static JdbcBackend postgres() {
    PostgresSchema schema = PostgresSchema.create("cron");
    return new JdbcBackend(
        schema.name(), () -> TestDatabases.postgres(schema.name()), schema::close);
  }

  /** Another handle on a schema a test already created (from a child process, say). */
  public static JdbcBackend postgresSchema(String schema) {
    return new JdbcBackend(schema, () -> TestDatabases.postgres(schema), () -> {});
  }

  /** A fresh in-memory H2 database. */
  public static JdbcBackend h2() {
    String database = TestDatabases.uniqueSchema("cron");
    return new JdbcBackend(database, () -> TestDatabases.h2(database), () -> {});
  }

  /** The PostgreSQL schema or H2 database name. */
  public String schema() {
    return schema;
  }

  @Override
  public CronStore newStore() {
    HikariDataSource pool = pools.get();
    opened.add(pool);
    return new JdbcCronStore(pool);
  }

  @Override
  public void close() {
    opened.forEach(HikariDataSource::close);
    cleanup.run();
  }
}
