package dev.errand.cron.internal.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Small JDBC helpers: one transaction around some work, and parameterised updates. */
final class Transactions {

  private Transactions() {}

  /** Work done inside a transaction. */
  @FunctionalInterface
  interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        T result = work.apply(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot " + what + ": " + e.getMessage(), e);
    }
  }

  static int update(DataSource dataSource, String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection()) {
      return execute(connection, sql, parameters);
    } catch (SQLException e) {
      throw new IllegalStateException("Cron store statement failed (" + sql + "): " + e, e);
    }
  }

  static int execute(Connection connection, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    }
  }
}
