package dev.errand.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a worker may be waiting idle for a queue, in {@code idle_until} of the queue's row: adds
 * send a wake-up only while it lies ahead. A fetch that leaves its worker idle pushes it {@link
 * #TTL} ahead, writing the row only when less than half of that remains, so an idle queue costs one
 * write every few minutes and a busy one none. {@code idle_until} only ever grows, so once this
 * process has seen it stand for half the TTL more, its workers skip the registration's statement
 * until then ({@link #due}).
 *
 * <p>An add whose statement began before a lapsed registration was renewed can miss it; so the
 * fetch that renews a lapsed one asks its worker to look again within {@link #RECHECK_MILLIS}, by
 * when such an add has committed.
 */
final class PgIdle {

  /** As long as the longest idle wait a worker makes ({@code JOBS_IDLE_CHECK_INTERVAL}'s bound). */
  static final long TTL = 10 * 60_000;

  static final long RECHECK_MILLIS = 1_000;

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

  /** Until when each queue's registration is known to stand, as this process last saw it. */
  private final Map<String, Long> standing = new ConcurrentHashMap<>();

  /** Whether an idle worker of {@code queue} should write its registration at {@code now}. */
  boolean due(String queue, long now) {
    Long until = standing.get(queue);
    return until == null || now >= until;
  }

  /**
   * Registers the queue's workers as possibly idle, unless this process knows the registration
   * stands ({@link #due}); returns when the worker should look again because the registration had
   * lapsed, or null.
   */
  Long register(Connection c, Tables t, String queue, long now) throws SQLException {
    if (!due(queue, now)) {
      return null;
    }
    try (PreparedStatement upsert = c.prepareStatement(t.sql(REGISTER))) {
      Jdbc.bind(upsert, queue, now + TTL, now + TTL / 2, queue);
      try (ResultSet row = upsert.executeQuery()) {
        standing.put(queue, now + TTL / 2);
        if (!row.next()) {
          return null;
        }
        long before = row.getLong(1);
        return row.wasNull() || before <= now ? now + RECHECK_MILLIS : null;
      }
    }
  }

  /**
   * When a worker's fetch should be followed by another (see {@link
   * dev.errand.queue.spi.Fetched#nextDelayed()}): the next delayed job falls due, a rate window
   * ends ({@code limitedUntil}, or null), or, when the worker goes idle ({@code idle}), the first
   * lease expires (a lease counts once its deadline is past) or a lapsed registration was renewed
   * (then within {@link #RECHECK_MILLIS}). An idle worker's registration is written by the same
   * statement.
   */
  Long nextLook(Connection c, Tables t, String queue, long now, Long limitedUntil, boolean idle)
      throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(t.sql(idle ? REGISTER_AND_NEXT_DUE : NEXT_DELAYED))) {
      if (idle) {
        Jdbc.bind(select, queue, now + TTL, now + TTL / 2, queue, queue, queue);
      } else {
        Jdbc.bind(select, queue);
      }
      try (ResultSet row = select.executeQuery()) {
        row.next();
        Long next = earliest(limitedUntil, row, idle ? 2 : 1);
        if (idle) {
          standing.put(queue, now + TTL / 2);
          if (row.getLong(3) > 0) {
            long before = row.getLong(4);
            if (row.wasNull() || before <= now) {
              next = earliest(next, now + RECHECK_MILLIS);
            }
          }
        }
        return next;
      }
    }
  }

  /** The earliest of {@code next} and the first {@code columns} of {@code row} (nulls skipped). */
  static Long earliest(Long next, ResultSet row, int columns) throws SQLException {
    for (int column = 1; column <= columns; column++) {
      long due = row.getLong(column);
      if (!row.wasNull()) {
        next = earliest(next, due);
      }
    }
    return next;
  }

  /** The earlier of two times, either of them null for none. */
  static Long earliest(Long a, Long b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return Math.min(a, b);
  }

  /**
   * {@link PgFetch#NEXT_DUE}, sent in the round trip of a fetch's lease, after it: when the next
   * delayed job falls due and the first lease expires, as the lease left them.
   */
  static final class NextDue implements AlongStatement {

    private final Tables t;
    private final String queue;
    private Long delayed;
    private Long leaseEnds;

    NextDue(Tables tables, String queue) {
      this.t = tables;
      this.queue = queue;
    }

    @Override
    public String sql() {
      return t.sql(PgFetch.NEXT_DUE);
    }

    @Override
    public int parameters() {
      return 2;
    }

    @Override
    public void bind(PreparedStatement statement, int at) throws SQLException {
      Jdbc.bindFrom(statement, at, queue, queue);
    }

    @Override
    public void read(ResultSet rows) throws SQLException {
      rows.next();
      delayed = earliest(null, rows, 1);
      long due = rows.getLong(2);
      leaseEnds = rows.wasNull() ? null : due;
    }

    /** Whether a delayed job or a lease is due by {@code now}, which an upkeep would act on. */
    boolean dueBy(long now) {
      return (delayed != null && delayed <= now) || (leaseEnds != null && leaseEnds <= now);
    }

    /** The earliest of {@code limitedUntil}, the next delayed job and, if {@code idle}, leases. */
    Long next(Long limitedUntil, boolean idle) {
      Long next = earliest(limitedUntil, delayed);
      return idle ? earliest(next, leaseEnds) : next;
    }
  }
}
