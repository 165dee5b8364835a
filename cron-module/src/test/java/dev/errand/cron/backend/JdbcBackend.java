package dev.errand.cron.backend;

import com.zaxxer.hikari.HikariDataSource;
import dev.errand.cron.internal.jdbc.JdbcCronStore;
import dev.errand.cron.spi.CronStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Stores on one database, each with a pool of its own: PostgreSQL in a fresh schema, or H2. */
public final class JdbcBackend implements StoreBackend {

  private final Supplier<HikariDataSource> pools;
  private final Runnable cleanup;
  private final List<HikariDataSource> opened = new ArrayList<>();

  private JdbcBackend(Supplier<HikariDataSource> pools, Runnable cleanup) {
    this.pools = pools;
    this.cleanup = cleanup;
  }

  /** A fresh schema on the shared PostgreSQL, dropped on close. */
  public static JdbcBackend postgres() {
    String schema = TestDatabases.uniqueSchema("cron");
    TestDatabases.createSchema(schema);
    return new JdbcBackend(
        () -> TestDatabases.postgres(schema), () -> TestDatabases.dropSchema(schema));
  }

  /** A fresh in-memory H2 database. */
  public static JdbcBackend h2() {
    String database = TestDatabases.uniqueSchema("cron");
    return new JdbcBackend(() -> TestDatabases.h2(database), () -> {});
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
