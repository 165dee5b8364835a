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
   * Registers the queue's workers as possibly idle until {@code now + TTL}, returning the row's
   * {@code idle_until} as it was before (RETURNING's subquery reads the row as it was before the
   * statement), or no row when the registration stands; parameters: queue, until, renew before,
   * queue.
   */
  static final String REGISTER =
      "INSERT INTO {queue} AS q (queue, idle_until) VALUES (?, ?) ON CONFLICT (queue)"
          + " DO UPDATE SET idle_until = EXCLUDED.idle_until"
          + " WHERE q.idle_until < ? RETURNING (SELECT idle_until FROM {queue}"
          + " WHERE queue = ?) AS before";

  /**
   * {@link PgFetch#NEXT_DUE} and the registration of an idle worker in one round trip: the next due
   * times, then how many rows the registration wrote and the {@code idle_until} it found.
   */
  static final String REGISTER_AND_NEXT_DUE =
      "WITH registered AS ("
          + REGISTER
          + ") "
          + PgFetch.NEXT_DUE
          + ", (SELECT count(*) FROM registered), (SELECT max(before) FROM registered)";

  /** {@link PgFetch#NEXT_DUE} without the leases' column; parameter: queue. */
  private static final String NEXT_DELAYED =
      PgFetch.NEXT_DUE.substring(0, PgFetch.NEXT_DUE.indexOf("),") + 1);

  /**
   * When a worker's fetch should be followed by another (see {@link
   * dev.errand.queue.spi.Fetched#nextDelayed()}): the next delayed job falls due, a rate window
   * ends ({@code limitedUntil}, or null), or, when the worker goes idle ({@code idle}), the first
   * lease expires (a lease counts once its deadline is past) or a lapsed registration was renewed
   * (then within {@link #RECHECK_MILLIS}). An idle worker's registration is written by the same
   * statement.
   */
  static Long nextLook(
      Connection c, Tables t, String queue, long now, Long limitedUntil, boolean idle)
      throws SQLException {
    Long next = limitedUntil;
    try (PreparedStatement select =
        c.prepareStatement(t.sql(idle ? REGISTER_AND_NEXT_DUE : NEXT_DELAYED))) {
      if (idle) {
        Jdbc.bind(select, queue, now + TTL, now + TTL / 2, queue, queue, queue);
      } else {
        Jdbc.bind(select, queue);
      }
      try (ResultSet row = select.executeQuery()) {
        row.next();
        for (int column = 1; column <= (idle ? 2 : 1); column++) {
          long due = row.getLong(column);
          if (!row.wasNull() && (next == null || due < next)) {
            next = due;
          }
        }
        if (idle && row.getLong(3) > 0) {
          long before = row.getLong(4);
          if (row.wasNull() || before <= now) {
            long soon = now + RECHECK_MILLIS;
            next = next == null ? soon : Math.min(next, soon);
          }
        }
      }
    }
    return next;
  }
}
