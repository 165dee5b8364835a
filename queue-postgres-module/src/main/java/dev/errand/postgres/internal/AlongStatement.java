package dev.errand.postgres.internal;

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
}
