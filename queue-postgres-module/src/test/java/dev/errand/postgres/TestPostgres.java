package dev.errand.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.errand.postgres.internal.PostgresBackend;
import dev.errand.testsupport.PostgresSchema;
import dev.errand.testsupport.TestServers;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A schema of its own on the shared PostgreSQL for one test. Every backend it hands out has a small
 * connection pool of its own, as a separate process would. After the test (and after the suite has
 * stopped its applications) the pools close and the schema is dropped.
 */
public final class TestPostgres implements AfterEachCallback {

  private final PostgresSchema schema = PostgresSchema.create("queue");
  private final List<HikariDataSource> pools = new CopyOnWriteArrayList<>();

  /** A new pool of up to {@code size} connections on the test's schema. */
  public DataSource dataSource(int size) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(schema.url());
    pool.setUsername(TestServers.postgresUser());
    pool.setPassword(TestServers.postgresPassword());
    pool.setMaximumPoolSize(size);
    pool.setMinimumIdle(0);
    pool.setPoolName("test-" + schema.name());
    pools.add(pool);
    return pool;
  }

  public String schemaName() {
    return schema.name();
  }

  public String url() {
    return schema.url();
  }

  /** A backend over the test's schema, with a pool of its own, its tables created. */
  public PostgresBackend backend() {
    return backend(Clock.systemUTC());
  }

  /** {@link #backend()} on {@code clock}, for tests where time decides. */
  public PostgresBackend backend(Clock clock) {
    PostgresBackend backend = new PostgresBackend(dataSource(6), "errand_", clock);
    backend.prepare();
    return backend;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    pools.forEach(HikariDataSource::close);
    schema.close();
  }
}
