package dev.errand.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Whether a worker may be waiting idle for a queue, in {@code idle_until} of the queue's row: adds
 * send a wake-up only while it lies ahead. A fetch that leaves its worker idle pushes it {@link
 * #TTL} ahead, writing the row only when less than half of that remains, so an idle queue costs one
 * write every few minutes and a busy one none.
 *
 * <p>An add whose statement began before a lapsed registration was renewed can miss it; so the
 * fetch that renews a lapsed one asks its worker to look again within {@link #RECHECK_MILLIS}, by
 * when such an add has committed.
 */
final class PgIdle {

  /** As long as the longest idle wait a worker makes ({@code JOBS_IDLE_CHECK_INTERVAL}'s bound). */
  static final long TTL = 10 * 60_000;

  static final long RECHECK_MILLIS = 1_000;

  private PgIdle() {}

  /**
   * Registers the queue's workers as possibly idle until {@code now + TTL}.
   *
   * @return true when the registration had lapsed, so the worker should look again soon
   */
  static boolean register(Connection c, Tables t, String queue, long now) throws SQLException {
    try (PreparedStatement upsert =
        c.prepareStatement(
            t.sql(
                "INSERT INTO {queue} AS q (queue, idle_until) VALUES (?, ?) ON CONFLICT (queue)"
                    + " DO UPDATE SET idle_until = EXCLUDED.idle_until"
                    + " WHERE q.idle_until < ? RETURNING (SELECT idle_until FROM {queue}"
                    + " WHERE queue = ?)"))) {
      Jdbc.bind(upsert, queue, now + TTL, now + TTL / 2, queue);
      try (ResultSet row = upsert.executeQuery()) {
        // RETURNING's subquery reads the row as it was before this statement.
        if (!row.next()) {
          return false;
        }
        long before = row.getLong(1);
        return row.wasNull() || before <= now;
      }
    }
  }
}
