package dev.errand.postgres.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import javax.sql.DataSource;

/**
 * Transactions on the backend's DataSource. A transaction that PostgreSQL aborted for a deadlock or
 * a serialization conflict is run again (each is whole or nothing); any other failure becomes an
 * {@link IllegalStateException} naming what was being done.
 */
final class Jdbc {

  private static final int ATTEMPTS = 5;

  /** Statements run on one connection inside one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  /** A worker's statements, with the notifications they send at commit. */
  @FunctionalInterface
  interface WorkerWork<T> {
    T apply(Connection connection, Notices notices) throws SQLException;
  }

  private final DataSource dataSource;

  Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  DataSource dataSource() {
    return dataSource;
  }

  /** {@code work} in a transaction of its own; {@code what} completes "Cannot ...". */
  <T> T transaction(String what, Work<T> work) {
    return transaction(what, true, work);
  }

  /**
   * {@code work} in a transaction of its own that, unless {@code durable}, commits without waiting
   * for its WAL to reach the disk ({@code synchronous_commit = off} for this transaction only).
   */
  <T> T transaction(String what, boolean durable, Work<T> work) {
    return run(what, durable, (c, notices) -> work.apply(c));
  }

  /**
   * A worker's fetch or acknowledgement: {@code work} in a transaction of its own that commits
   * without waiting for its WAL to reach the disk ({@code synchronous_commit = off} for this
   * transaction only), its notifications sent with the COMMIT. Should PostgreSQL crash before the
   * flush, the last few milliseconds of them are forgotten and those jobs run again, which
   * at-least-once delivery allows; adds always commit durably.
   */
  <T> T workerTransaction(String what, WorkerWork<T> work) {
    return run(what, false, work);
  }

  private <T> T run(String what, boolean durable, WorkerWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = dataSource.getConnection()) {
        return inTransaction(connection, durable, work);
      } catch (SQLException e) {
        if (attempt < ATTEMPTS && retryable(e)) {
          continue;
        }
        throw failure(what, e);
      }
    }
  }

  /** One statement's {@code work} on a connection in auto-commit: one round trip, no COMMIT. */
  <T> T autoCommit(String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
      return work.apply(connection);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private static <T> T inTransaction(Connection connection, boolean durable, WorkerWork<T> work)
      throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    if (autoCommit) {
      connection.setAutoCommit(false);
    }
    try {
      Notices notices = new Notices();
      T result = work.apply(connection, notices);
      if (notices.isCommitted()) {
        if (!notices.statements(connection).isEmpty()) {
          throw new IllegalStateException("Notifications noted after the work committed");
        }
      } else if (!durable) {
        // The setting counts at commit, so it goes with the COMMIT, and so do the notifications:
        // one round trip for all, where a SET LOCAL before the work and each NOTIFY cost one of
        // their own. The driver then knows the transaction ended, and commit() sends nothing.
        try (Statement statement = connection.createStatement()) {
          statement.execute(
              notices.statements(connection) + "SET LOCAL synchronous_commit = off; COMMIT");
        }
      }
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    } finally {
      if (autoCommit) {
        connection.setAutoCommit(true);
      }
    }
  }

  static IllegalStateException failure(String what, SQLException e) {
    return new IllegalStateException(
        "Cannot "
            + what
            + " in PostgreSQL: "
            + e.getMessage()
            + " (SQLState "
            + e.getSQLState()
            + ")",
        e);
  }

  private static boolean retryable(SQLException e) {
    String state = e.getSQLState();
    return "40P01".equals(state) || "40001".equals(state);
  }

  static Array texts(Connection connection, Collection<String> values) throws SQLException {
    return connection.createArrayOf("text", values.toArray(String[]::new));
  }

  /** Sets {@code values} as the statement's parameters from the first on. */
  static PreparedStatement bind(PreparedStatement statement, Object... values) throws SQLException {
    return bindFrom(statement, 1, values);
  }

  /** Sets {@code values} as the statement's parameters from the {@code first}. */
  static PreparedStatement bindFrom(PreparedStatement statement, int first, Object... values)
      throws SQLException {
    for (int i = 0; i < values.length; i++) {
      statement.setObject(first + i, values[i]);
    }
    return statement;
  }

  /**
   * Runs {@code template} (see {@link Tables#sql}) with {@code values}; answers the rows changed.
   */
  static int update(Connection c, Tables t, String template, Object... values) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(t.sql(template))) {
      return bind(statement, values).executeUpdate();
    }
  }
}
