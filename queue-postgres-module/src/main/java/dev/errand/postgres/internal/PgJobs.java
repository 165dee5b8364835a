package dev.errand.postgres.internal;

import dev.errand.queue.JobFailure;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads stored jobs as {@link JobInfo}s, with their log lines. */
final class PgJobs {

  private static final String COLUMNS =
      "id, name, state, payload, options, priority, attempts, stalls, created_at, started_at,"
          + " finished_at, progress, result, error_class, error_message, error_stack, runs::text,"
          + " due_at";

  private PgJobs() {}

  /**
   * The condition for jobs in {@code state}, written out rather than bound: a bound state would
   * keep PostgreSQL from choosing the partial index of that state in a reused plan.
   */
  static String inState(JobState state) {
    return "state = '" + state.code() + "'";
  }

  /** The order {@link dev.errand.queue.QueueAdmin#jobs} lists a state in. */
  private static String order(JobState state) {
    return switch (state) {
      case WAITING -> "priority DESC, seq";
      case DELAYED, ACTIVE -> "due_at DESC, seq DESC";
      default -> "finished_at DESC, seq DESC";
    };
  }

  static JobInfo one(Connection c, Tables t, String queue, String id) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(t.sql("SELECT " + COLUMNS + " FROM {job} WHERE queue = ? AND id = ?"))) {
      try (ResultSet row = Jdbc.bind(select, queue, id).executeQuery()) {
        return row.next() ? info(c, t, queue, row) : null;
      }
    }
  }

  /** The jobs of the queue that {@code condition} (after the queue's) picks, with its values. */
  static List<JobInfo> where(
      Connection c, Tables t, String queue, String condition, Object... values)
      throws SQLException {
    List<JobInfo> jobs = new ArrayList<>();
    try (PreparedStatement select =
        c.prepareStatement(
            t.sql("SELECT " + COLUMNS + " FROM {job} WHERE queue = ?" + condition))) {
      select.setString(1, queue);
      Jdbc.bindFrom(select, 2, values);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          jobs.add(info(c, t, queue, rows));
        }
      }
    }
    return jobs;
  }

  static List<JobInfo> list(
      Connection c, Tables t, String queue, JobState state, int offset, int limit)
      throws SQLException {
    return where(
        c,
        t,
        queue,
        " AND " + inState(state) + " ORDER BY " + order(state) + " OFFSET ? LIMIT ?",
        offset,
        limit);
  }

  private static JobInfo info(Connection c, Tables t, String queue, ResultSet row)
      throws SQLException {
    String id = row.getString(1);
    String errorClass = row.getString(14);
    JobState state = JobState.ofCode(row.getString(3));
    return new JobInfo(
        id,
        queue,
        row.getString(2),
        state,
        row.getString(4),
        row.getString(5),
        row.getInt(6),
        row.getInt(7),
        row.getInt(8),
        Instant.ofEpochMilli(row.getLong(9)),
        instant(row, 10),
        instant(row, 11),
        row.getString(12),
        row.getString(13),
        errorClass == null
            ? null
            : new JobFailure(errorClass, row.getString(15), row.getString(16)),
        logs(c, t, queue, id),
        state == JobState.DELAYED ? instant(row, 18) : null,
        PgRuns.attempts(row.getString(17)));
  }

  private static Instant instant(ResultSet row, int column) throws SQLException {
    long millis = row.getLong(column);
    return row.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  private static List<String> logs(Connection c, Tables t, String queue, String id)
      throws SQLException {
    List<String> lines = new ArrayList<>();
    try (PreparedStatement select =
        c.prepareStatement(
            t.sql("SELECT line FROM {log} WHERE queue = ? AND id = ? ORDER BY line_no"))) {
      try (ResultSet rows = Jdbc.bind(select, queue, id).executeQuery()) {
        while (rows.next()) {
          lines.add(rows.getString(1));
        }
      }
    }
    return lines;
  }
}
