package dev.errand.cron.internal.schedules;

import dev.errand.cron.spi.PendingTick;
import dev.errand.cron.spi.StoredSchedule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The schedules table of {@link PostgresScheduleStore}: made by migrations of its own (history
 * table {@code <prefix>schedule_schema_history}) at the first statement, and statements run in
 * auto-commit, each its own transaction, with failures naming what was being done.
 */
final class ScheduleTable {

  static final String MIGRATIONS = "classpath:dev/errand/cron/schedules/migration";
  static final String COLUMNS = "id, definition, paused, next_run, last_run, runs";
  private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,29}");

  private final DataSource dataSource;
  private final String prefix;
  private volatile boolean prepared;

  ScheduleTable(DataSource dataSource, String prefix) {
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "JOBS_TABLE_PREFIX '"
              + prefix
              + "' is not allowed for the schedules table: use 1 to 30 lower-case letters, digits"
              + " or '_', starting with a letter or '_' (default errand_)");
    }
    this.dataSource = dataSource;
    this.prefix = prefix;
  }

  String table() {
    return prefix + "schedule";
  }

  synchronized void prepare() {
    if (prepared) {
      return;
    }
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations(MIGRATIONS)
          .table(prefix + "schedule_schema_history")
          .placeholders(Map.of("prefix", prefix))
          // The schema holds the queue's and the application's tables already.
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new IllegalStateException(
          "Cannot create the schedules table "
              + table()
              + ": "
              + e.getMessage()
              + ". The database user needs CREATE on the queue's schema.",
          e);
    }
    prepared = true;
  }

  @FunctionalInterface
  interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  @FunctionalInterface
  interface Parameters {
    Object[] of(Connection connection) throws SQLException;
  }

  <T> T run(String what, Work<T> work) {
    if (!prepared) {
      prepare();
    }
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
      return work.apply(connection);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot "
              + what
              + " in "
              + table()
              + ": "
              + e.getMessage()
              + " (SQLState "
              + e.getSQLState()
              + ")",
          e);
    }
  }

  /** {@link #run} in one transaction, committed when {@code work} returns, else rolled back. */
  <T> T inTransaction(String what, Work<T> work) {
    return run(
        what,
        c -> {
          c.setAutoCommit(false);
          try {
            T result = work.apply(c);
            c.commit();
            return result;
          } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
          } finally {
            c.setAutoCommit(true);
          }
        });
  }

  int update(String what, String sql, Object... values) {
    return run(what, c -> execute(c, sql, values));
  }

  /** Runs {@code sql} with {@code values} on {@code c}; returns the rows it changed. */
  static int execute(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      return statement.executeUpdate();
    }
  }

  /**
   * Binds {@code ticks} at {@code from} and the parameter after it, as a text array of schedule ids
   * and a bigint array of ticks (epoch ms), for {@code unnest(?::text[], ?::bigint[])}.
   */
  static void bindTicks(
      Connection c, PreparedStatement statement, int from, List<PendingTick> ticks)
      throws SQLException {
    statement.setArray(
        from, c.createArrayOf("text", ticks.stream().map(PendingTick::id).toArray()));
    statement.setArray(
        from + 1,
        c.createArrayOf("bigint", ticks.stream().map(t -> t.tick().toEpochMilli()).toArray()));
  }

  List<StoredSchedule> query(String what, String sql, Parameters parameters) {
    return run(
        what,
        c -> {
          List<StoredSchedule> found = new ArrayList<>();
          try (PreparedStatement select = c.prepareStatement(sql)) {
            Object[] values = parameters.of(c);
            for (int i = 0; i < values.length; i++) {
              select.setObject(i + 1, values[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                found.add(
                    new StoredSchedule(
                        rows.getString(1),
                        rows.getString(2),
                        rows.getBoolean(3),
                        instant(rows, 4),
                        instant(rows, 5),
                        rows.getLong(6)));
              }
            }
          }
          return found;
        });
  }

  private static Instant instant(ResultSet rows, int column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? null : Instant.ofEpochMilli(value);
  }
}
