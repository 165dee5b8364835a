package dev.errand.cron.backend;

import com.zaxxer.hikari.HikariDataSource;
import dev.errand.cron.internal.jdbc.JdbcCronStore;
import dev.errand.cron.spi.CronStore;
import dev.errand.testsupport.PostgresSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Stores on one PostgreSQL schema, each with a pool of its own. */
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

  /** The PostgreSQL schema. */
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
