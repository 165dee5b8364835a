package dev.errand.tck.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.errand.cron.internal.jdbc.JdbcCronStore;
import dev.errand.cron.internal.schedules.PostgresScheduleStore;
import dev.errand.cron.spi.CronStore;
import dev.errand.cron.spi.ScheduleStore;
import dev.errand.testsupport.PostgresSchema;
import dev.errand.testsupport.TestServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database for one test: a schema of its own on the shared PostgreSQL, or an in-memory H2
 * database. Every store it hands out opens connections of its own, as a separate process would.
 * After the test (and after the suite has stopped its applications) the schema or database goes.
 */
final class TestDatabase implements AfterEachCallback {

  private final Supplier<DataSource> connect;
  private final AutoCloseable drop;

  private TestDatabase(Supplier<DataSource> connect, AutoCloseable drop) {
    this.connect = connect;
    this.drop = drop;
  }

  static TestDatabase postgres() {
    PostgresSchema schema = PostgresSchema.create("tck");
    List<HikariDataSource> pools = new ArrayList<>();
    return new TestDatabase(
        () -> {
          // Pooled, as the DatabaseAdapter's DataSource is: a connection opened for every
          // statement made a test of busy schedule tickers take minutes.
          HikariConfig config = new HikariConfig();
          config.setJdbcUrl(schema.url());
          config.setUsername(TestServers.postgresUser());
          config.setPassword(TestServers.postgresPassword());
          config.setMaximumPoolSize(8);
          HikariDataSource pool = new HikariDataSource(config);
          synchronized (pools) {
            pools.add(pool);
          }
          return pool;
        },
        () -> {
          synchronized (pools) {
            pools.forEach(HikariDataSource::close);
            pools.clear();
          }
          schema.close();
        });
  }

  static TestDatabase h2() {
    String name = TestServers.unique("tck").replace('-', '_').toLowerCase(Locale.ROOT);
    Supplier<DataSource> connect =
        () -> {
          JdbcDataSource source = new JdbcDataSource();
          source.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
          return source;
        };
    return new TestDatabase(connect, () -> execute(connect.get(), "SHUTDOWN"));
  }

  CronStore cronStore() {
    return new JdbcCronStore(connect.get());
  }

  /** A PostgreSQL schedule store, under the queue's default table prefix. */
  ScheduleStore scheduleStore() {
    return new PostgresScheduleStore(connect.get(), "errand_");
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    drop.close();
  }

  private static void execute(DataSource source, String sql) throws SQLException {
    try (Connection connection = source.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
