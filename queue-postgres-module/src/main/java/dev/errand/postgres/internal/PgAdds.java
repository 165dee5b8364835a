package dev.errand.postgres.internal;

import dev.errand.queue.spi.JobDraft;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds as one statement however many jobs it carries: the drafts go in as arrays, each job without
 * a jobId takes its id from the sequence, a jobId already stored adds nothing (ON CONFLICT DO
 * NOTHING) and answers its own id, and idle workers are notified while any may be waiting (see
 * {@link PgIdle}): a NOTIFY makes PostgreSQL commit notifying transactions one at a time, so busy
 * queues add without one. On the caller's connection, the statement is part of the caller's
 * transaction: the jobs and the wake-up exist once it commits.
 */
final class PgAdds {

  private static final String ADD =
      "WITH q AS (INSERT INTO {queue} (queue) VALUES (?) ON CONFLICT (queue) DO NOTHING),"
          + " v AS (SELECT d.*, nextval('{seq}') AS s FROM unnest(?::text[], ?::text[],"
          + " ?::text[], ?::text[], ?::int[], ?::bigint[], ?::text[]) WITH ORDINALITY"
          + " AS d(name, payload, options, job_id, priority, run_at, grp, ord)),"
          + " ins AS (INSERT INTO {job} (queue, id, seq, name, payload, options, priority, grp,"
          + " state, due_at, created_at) SELECT ?, COALESCE(job_id, s::text), s, name, payload,"
          + " options, priority, grp, CASE WHEN run_at > ? THEN 'delayed' ELSE 'waiting' END,"
          + " CASE WHEN run_at > ? THEN run_at END, ? FROM v ORDER BY ord"
          + " ON CONFLICT (queue, id) DO NOTHING)"
          + " SELECT COALESCE(job_id, s::text), CASE WHEN w.idle THEN pg_notify(?, ?) END"
          + " FROM v, (SELECT EXISTS (SELECT 1 FROM {queue} WHERE queue = ? AND idle_until > ?)"
          + " AS idle) AS w ORDER BY ord";

  private PgAdds() {}

  static List<String> add(Connection c, Tables t, String queue, List<JobDraft> drafts, long now)
      throws SQLException {
    int n = drafts.size();
    String[] names = new String[n];
    String[] payloads = new String[n];
    String[] options = new String[n];
    String[] jobIds = new String[n];
    Integer[] priorities = new Integer[n];
    Long[] runAts = new Long[n];
    String[] groups = new String[n];
    for (int i = 0; i < n; i++) {
      JobDraft draft = drafts.get(i);
      names[i] = draft.name();
      payloads[i] = draft.payload();
      options[i] = draft.options();
      jobIds[i] = draft.jobId();
      priorities[i] = draft.priority();
      Instant runAt = draft.runAt();
      runAts[i] = runAt == null ? null : runAt.toEpochMilli();
      groups[i] = draft.group();
    }
    List<String> ids = new ArrayList<>(n);
    try (PreparedStatement add = c.prepareStatement(t.sql(ADD))) {
      add.setString(1, queue);
      add.setArray(2, c.createArrayOf("text", names));
      add.setArray(3, c.createArrayOf("text", payloads));
      add.setArray(4, c.createArrayOf("text", options));
      add.setArray(5, c.createArrayOf("text", jobIds));
      add.setArray(6, c.createArrayOf("int4", priorities));
      add.setArray(7, c.createArrayOf("int8", runAts));
      add.setArray(8, c.createArrayOf("text", groups));
      Jdbc.bindFrom(add, 9, queue, now, now, now, t.wakeChannel(), queue, queue, now);
      try (ResultSet rows = add.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    }
    return ids;
  }

  /**
   * Adds on the caller's connection, part of its transaction; refuses a connection to another
   * database or one that does not see the tables.
   */
  static List<String> onCallersConnection(
      Connection connection, Tables t, String queue, List<JobDraft> jobs, long now) {
    String what =
        "add " + jobs.size() + " job(s) to queue '" + queue + "' in the caller's transaction";
    try {
      String product = connection.getMetaData().getDatabaseProductName();
      if (!"PostgreSQL".equals(product)) {
        throw new IllegalArgumentException(
            "Cannot "
                + what
                + ": the connection is to "
                + product
                + ", and JOBS_BACKEND=postgres adds on a connection to the PostgreSQL database"
                + " that holds its tables");
      }
      return PgDedup.add(connection, t, queue, jobs, now);
    } catch (SQLException e) {
      if ("42P01".equals(e.getSQLState())) {
        throw new IllegalStateException(
            "Cannot "
                + what
                + ": the connection does not see table "
                + t.job()
                + "; use a connection to the database and schema of the backend's DataSource",
            e);
      }
      throw Jdbc.failure(what, e);
    }
  }
}
