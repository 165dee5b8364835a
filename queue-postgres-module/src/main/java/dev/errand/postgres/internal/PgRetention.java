package dev.errand.postgres.internal;

import dev.errand.queue.JobState;
import dev.errand.queue.Retention;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Deletes finished jobs a queue no longer keeps, at most {@link PgFetch#BATCH} a statement, through
 * the index of finished jobs; rows another transaction has locked are left for the next call, so
 * concurrent trims never wait for each other.
 */
final class PgRetention {

  private PgRetention() {}

  /** What {@code retention} no longer keeps of the queue's jobs in {@code state}. */
  static long apply(
      Connection c, Tables t, String queue, JobState state, Retention retention, long now)
      throws SQLException {
    long deleted = 0;
    if (retention.maxAge() != null) {
      deleted += olderThan(c, t, queue, state, now - retention.maxAge().toMillis());
    }
    if (retention.maxCount() >= 0) {
      deleted += beyond(c, t, queue, state, retention.maxCount());
    }
    return deleted;
  }

  /** Deletes up to a batch of jobs in {@code state} finished before {@code before}. */
  static int olderThan(Connection c, Tables t, String queue, JobState state, long before)
      throws SQLException {
    return delete(c, t, olderThanSql(state), queue, queue, before);
  }

  /** Deletes up to a batch of the oldest jobs in {@code state} beyond the newest {@code keep}. */
  static int beyond(Connection c, Tables t, String queue, JobState state, long keep)
      throws SQLException {
    return delete(c, t, beyondSql(state), queue, queue, keep);
  }

  /** Jobs finished before a time, locked; parameters: queue, before. */
  static String olderThanSql(JobState state) {
    return "SELECT id FROM {job} WHERE queue = ? AND "
        + PgJobs.inState(state)
        + " AND finished_at < ? ORDER BY finished_at, seq LIMIT "
        + PgFetch.BATCH
        + " FOR UPDATE SKIP LOCKED";
  }

  /** Jobs beyond the newest ones kept, locked; parameters: queue, how many are kept. */
  static String beyondSql(JobState state) {
    return "SELECT id FROM {job} WHERE queue = ? AND "
        + PgJobs.inState(state)
        + " ORDER BY finished_at DESC, seq DESC OFFSET ? LIMIT "
        + PgFetch.BATCH
        + " FOR UPDATE SKIP LOCKED";
  }

  /** Deletes the jobs {@code select} names; parameters: queue, then the select's. */
  static String deleteSql(String select) {
    return "DELETE FROM {job} WHERE queue = ? AND id = ANY(ARRAY(" + select + "))";
  }

  private static int delete(Connection c, Tables t, String select, Object... values)
      throws SQLException {
    try (PreparedStatement delete = c.prepareStatement(t.sql(deleteSql(select)))) {
      return Jdbc.bind(delete, values).executeUpdate();
    }
  }
}
