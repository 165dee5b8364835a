package dev.errand.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A statement sent in the same round trip as another, after it and in the same transaction (pgjdbc
 * sends the statements of a two-statement string together), when it does not depend on the first
 * one's result: {@link PgLeaseWaiting} going with an acknowledgement's last completion statement.
 */
interface AlongStatement {

  String sql();

  /** How many parameters {@link #sql} takes. */
  int parameters();

  /** Binds its parameters from {@code at}. */
  void bind(PreparedStatement statement, int at) throws SQLException;

  void read(ResultSet rows) throws SQLException;

  /**
   * Sends {@code statements} in one round trip, then {@code tail} (SQL without parameters or rows,
   * such as a COMMIT, or empty), and has each read its rows.
   */
  static void send(Connection c, String tail, AlongStatement... statements) throws SQLException {
    StringBuilder sql = new StringBuilder();
    for (AlongStatement statement : statements) {
      sql.append(sql.isEmpty() ? "" : "; ").append(statement.sql());
    }
    try (PreparedStatement sent = c.prepareStatement(sql.append(tail).toString())) {
      int at = 1;
      for (AlongStatement statement : statements) {
        statement.bind(sent, at);
        at += statement.parameters();
      }
      sent.execute();
      for (int i = 0; i < statements.length; i++) {
        if (i > 0) {
          sent.getMoreResults();
        }
        try (ResultSet rows = sent.getResultSet()) {
          statements[i].read(rows);
        }
      }
    }
  }
}
