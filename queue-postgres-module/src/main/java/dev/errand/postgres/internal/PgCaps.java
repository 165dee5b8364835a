package dev.errand.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A queue's concurrency caps ({@code QueueBackend#concurrencyCaps}): at most {@code maxRunning}
 * leased jobs, and {@code groupMaxRunning} of each group; 0 for no cap. A job counts while its
 * lease lasts, so a dead worker's share is freed when its lease expires. Capped fetches lock the
 * queue's row and so take turns, which keeps two processes from both taking the last share.
 */
record PgCaps(int maxRunning, int groupMaxRunning) {

  /** Leased jobs whose lease still runs; parameters: queue, now. */
  private static final String RUNNING =
      "SELECT count(*) FROM {job} WHERE queue = ? AND state = 'active' AND due_at > ?";

  /**
   * How long a parked job waits at most before it is looked at again, as on Redis: a safety net,
   * since a capped fetch puts it back in line once its group runs below the cap.
   */
  private static final long RECHECK_MILLIS = 30_000;

  /** Running jobs of each group; parameters: queue, now. */
  private static final String RUNNING_BY_GROUP =
      "SELECT grp, count(*) FROM {job} WHERE queue = ? AND state = 'active' AND due_at > ?"
          + " AND grp IS NOT NULL GROUP BY grp";

  /**
   * Parked jobs back in line, the first of each group while it runs below its cap; parameters:
   * queue, queue, queue, now, cap.
   */
  private static final String UNPARK =
      "UPDATE {job} SET state = 'waiting', due_at = NULL, parked = false WHERE queue = ?"
          + " AND id = ANY(ARRAY(SELECT id FROM (SELECT id, grp, row_number() OVER"
          + " (PARTITION BY grp ORDER BY priority DESC, seq) AS n FROM {job} WHERE queue = ?"
          + " AND state = 'delayed' AND parked) p WHERE n + (SELECT count(*) FROM {job} a"
          + " WHERE a.queue = ? AND a.state = 'active' AND a.grp = p.grp AND a.due_at > ?) <= ?))";

  /** The next waiting jobs in line not yet admitted; parameters: queue, admitted, limit. */
  private static final String NEXT =
      "SELECT id, grp FROM {job} WHERE queue = ? AND state = 'waiting' AND id <> ALL(?::text[])"
          + " ORDER BY priority DESC, seq LIMIT ?";

  /** Parameters: due, queue, ids. */
  private static final String PARK =
      "UPDATE {job} SET state = 'delayed', due_at = ?, parked = true"
          + " WHERE queue = ? AND id = ANY(?::text[])";

  boolean any() {
    return maxRunning > 0 || groupMaxRunning > 0;
  }

  /** How many of {@code max} jobs may start under the queue's cap; locks the queue's row. */
  int allowance(Connection c, Tables t, String queue, long now, int max) throws SQLException {
    if (PgLimits.lockQueue(c, t, queue).paused()) {
      return 0;
    }
    if (maxRunning == 0) {
      return max;
    }
    try (PreparedStatement count = c.prepareStatement(t.sql(RUNNING))) {
      try (ResultSet row = Jdbc.bind(count, queue, now).executeQuery()) {
        row.next();
        return (int) Math.max(0, Math.min(max, maxRunning - row.getLong(1)));
      }
    }
  }

  /**
   * Up to {@code max} waiting jobs that may start, in line order, each id with its group (or null);
   * a job whose group is at its cap is parked on the way, so it holds back no job of another group.
   */
  Map<String, String> pick(Connection c, Tables t, String queue, long now, int max)
      throws SQLException {
    if (groupMaxRunning > 0) {
      Jdbc.update(c, t, UNPARK, queue, queue, queue, now, groupMaxRunning);
    }
    Map<String, Long> running = groupMaxRunning == 0 ? Map.of() : runningByGroup(c, t, queue, now);
    Map<String, String> admitted = new LinkedHashMap<>();
    while (admitted.size() < max) {
      List<String> parked = new ArrayList<>();
      boolean any = false;
      try (PreparedStatement next = c.prepareStatement(t.sql(NEXT))) {
        Jdbc.bind(next, queue, Jdbc.texts(c, admitted.keySet()), max - admitted.size());
        try (ResultSet rows = next.executeQuery()) {
          while (rows.next()) {
            any = true;
            String group = rows.getString(2);
            if (groupMaxRunning == 0
                || group == null
                || running.getOrDefault(group, 0L) < groupMaxRunning) {
              admitted.put(rows.getString(1), group);
              if (group != null) {
                running.merge(group, 1L, Long::sum);
              }
            } else {
              parked.add(rows.getString(1));
            }
          }
        }
      }
      if (!parked.isEmpty()) {
        Jdbc.update(c, t, PARK, now + RECHECK_MILLIS, queue, Jdbc.texts(c, parked));
      }
      if (!any || parked.isEmpty()) {
        break;
      }
    }
    return admitted;
  }

  private static Map<String, Long> runningByGroup(Connection c, Tables t, String queue, long now)
      throws SQLException {
    Map<String, Long> running = new HashMap<>();
    try (PreparedStatement select = c.prepareStatement(t.sql(RUNNING_BY_GROUP))) {
      try (ResultSet rows = Jdbc.bind(select, queue, now).executeQuery()) {
        while (rows.next()) {
          running.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    return running;
  }
}
