package dev.errand.postgres;

import dev.errand.postgres.internal.PostgresBackend;
import dev.errand.postgres.internal.PostgresBackendFactory;
import dev.errand.queue.spi.QueueBackend;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The PostgreSQL queue backend. Most applications select it with {@code JOBS_BACKEND=postgres} and
 * a DatabaseAdapter listed before the QueueAdapter; this class builds one by hand, for a DataSource
 * of your own:
 *
 * <pre>{@code
 * new QueueAdapter(QueueSettings.fromEnv(), "com.acme.jobs")
 *     .withBackend(PostgresQueue.backend(dataSource, Clock.systemUTC()))
 * }</pre>
 *
 * <p>The tables ({@code errand_job} and its companions) are created in the connections' current
 * schema by the module's own Flyway migrations, recorded in {@code errand_queue_schema_history},
 * apart from the application's. PostgreSQL 13 or newer.
 */
public final class PostgresQueue {

  private PostgresQueue() {}

  /** A backend over the tables under the default prefix, {@code errand_}. */
  public static QueueBackend backend(DataSource dataSource, Clock clock) {
    return backend(dataSource, PostgresBackendFactory.DEFAULT_PREFIX, clock);
  }

  /**
   * A backend over the tables under {@code tablePrefix} (1 to 30 lower-case letters, digits or
   * {@code _}); it connects, and creates its tables, at its first call.
   */
  public static QueueBackend backend(DataSource dataSource, String tablePrefix, Clock clock) {
    return new PostgresBackend(dataSource, tablePrefix, clock);
  }
}
