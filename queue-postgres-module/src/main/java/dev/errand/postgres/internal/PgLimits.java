package dev.errand.postgres.internal;

import dev.errand.queue.RateLimit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A queue's rate limits in its row of {@code <prefix>queue} and its groups' rows of {@code
 * <prefix>group_window}: fixed windows that start with the first job of each, as the other backends
 * count. The fetch that reads them locks the queue's row, so fetches of a rate-limited queue take
 * turns across processes.
 */
record PgLimits(RateLimit perQueue, RateLimit perGroup) {

  /** The queue's row, locked: whether it is paused and how much of its window is used. */
  record Window(boolean paused, long start, int count) {}

  static Window lockQueue(Connection c, Tables t, String queue) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            t.sql("INSERT INTO {queue} (queue) VALUES (?) ON CONFLICT (queue) DO NOTHING"))) {
      insert.setString(1, queue);
      insert.executeUpdate();
    }
    try (PreparedStatement select =
        c.prepareStatement(
            t.sql(
                "SELECT paused, window_start, window_count FROM {queue} WHERE queue = ?"
                    + " FOR UPDATE"))) {
      select.setString(1, queue);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return new Window(row.getBoolean(1), row.getLong(2), row.getInt(3));
      }
    }
  }

  /** How many of {@code max} jobs the queue's window lets start at {@code now}. */
  int allowance(Window window, long now, int max) {
    if (perQueue == null) {
      return max;
    }
    long counted = ended(window.start(), now, perQueue) ? 0 : window.count();
    return (int) Math.max(0, Math.min(max, perQueue.max() - counted));
  }

  /**
   * Counts {@code started} jobs in the queue's window.
   *
   * @return when the window ends if it is now full, else null
   */
  Long took(Connection c, Tables t, String queue, Window window, long now, int started)
      throws SQLException {
    if (perQueue == null) {
      return null;
    }
    long start = window.start();
    long count = window.count();
    if (ended(start, now, perQueue)) {
      if (started == 0) {
        return null;
      }
      start = now;
      count = 0;
    }
    count += started;
    if (started > 0) {
      try (PreparedStatement update =
          c.prepareStatement(
              t.sql("UPDATE {queue} SET window_start = ?, window_count = ? WHERE queue = ?"))) {
        Jdbc.bind(update, start, (int) count, queue).executeUpdate();
      }
    }
    return count >= perQueue.max() ? start + perQueue.per().toMillis() : null;
  }

  /**
   * Counts a job of {@code group} in its group's window if the window allows it.
   *
   * @return 0 when it may start, else when the group's window ends
   */
  long takeGroup(Connection c, Tables t, String queue, String group, long now) throws SQLException {
    if (perGroup == null || group == null) {
      return 0;
    }
    long per = perGroup.per().toMillis();
    try (PreparedStatement insert =
        c.prepareStatement(
            t.sql(
                "INSERT INTO {group} (queue, grp, window_start, window_count) VALUES (?, ?, 0, 0)"
                    + " ON CONFLICT (queue, grp) DO NOTHING"))) {
      Jdbc.bind(insert, queue, group).executeUpdate();
    }
    long start;
    int count;
    try (PreparedStatement select =
        c.prepareStatement(
            t.sql(
                "SELECT window_start, window_count FROM {group} WHERE queue = ? AND grp = ?"
                    + " FOR UPDATE"))) {
      try (ResultSet row = Jdbc.bind(select, queue, group).executeQuery()) {
        row.next();
        start = row.getLong(1);
        count = row.getInt(2);
      }
    }
    if (now >= start + per) {
      start = now;
      count = 0;
    }
    if (count >= perGroup.max()) {
      return start + per;
    }
    try (PreparedStatement update =
        c.prepareStatement(
            t.sql(
                "UPDATE {group} SET window_start = ?, window_count = ? WHERE queue = ? AND grp = ?"))) {
      Jdbc.bind(update, start, count + 1, queue, group).executeUpdate();
    }
    return 0;
  }

  /** Forgets group windows that ended, so many short-lived groups do not pile up. */
  void forgetEndedGroups(Connection c, Tables t, String queue, long now) throws SQLException {
    if (perGroup == null) {
      return;
    }
    try (PreparedStatement delete =
        c.prepareStatement(
            t.sql("DELETE FROM {group} WHERE queue = ? AND window_start + ? <= ?"))) {
      Jdbc.bind(delete, queue, perGroup.per().toMillis(), now).executeUpdate();
    }
  }

  private static boolean ended(long start, long now, RateLimit limit) {
    return now >= start + limit.per().toMillis();
  }
}
