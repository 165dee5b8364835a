package dev.errand.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** What a worker does to the jobs it holds besides acknowledging them: renew, release, log. */
final class PgLeases {

  private PgLeases() {}

  /** Moves the deadline of the leases {@code token} holds; returns the ids it no longer holds. */
  static Set<String> renew(
      Connection c, Tables t, String queue, String token, Collection<String> ids, long deadline)
      throws SQLException {
    Set<String> lost = new HashSet<>(ids);
    try (PreparedStatement update =
        c.prepareStatement(
            t.sql(
                "UPDATE {job} SET due_at = ? WHERE queue = ? AND id = ANY(?)"
                    + " AND state = 'active' AND token = ? RETURNING id"))) {
      Jdbc.bind(update, deadline, queue, Jdbc.texts(c, ids), token);
      try (ResultSet rows = update.executeQuery()) {
        while (rows.next()) {
          lost.remove(rows.getString(1));
        }
      }
    }
    return lost;
  }

  /**
   * Puts jobs {@code token} holds back in line, the run not counted, and wakes idle workers.
   *
   * @return how many jobs went back
   */
  static int release(Connection c, Tables t, String queue, String token, Collection<String> ids)
      throws SQLException {
    int released;
    try (PreparedStatement update =
        c.prepareStatement(
            t.sql(
                "UPDATE {job} SET state = 'waiting', token = NULL, due_at = NULL,"
                    + " attempts = attempts - 1 WHERE queue = ? AND id = ANY(?)"
                    + " AND state = 'active' AND token = ?"))) {
      released = Jdbc.bind(update, queue, Jdbc.texts(c, ids), token).executeUpdate();
    }
    Notify.wake(c, t, queue);
    return released;
  }

  /** Appends a line to a job's log, if the job is still stored. */
  static int log(Connection c, Tables t, String queue, String id, String line) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            t.sql(
                "INSERT INTO {log} (queue, id, line) SELECT ?, ?, ?"
                    + " WHERE EXISTS (SELECT 1 FROM {job} WHERE queue = ? AND id = ?)"))) {
      return Jdbc.bind(insert, queue, id, line, queue, id).executeUpdate();
    } catch (SQLException e) {
      // The job was deleted between the check and the insert: nothing to log to.
      if ("23503".equals(e.getSQLState())) {
        return 0;
      }
      throw e;
    }
  }
}
