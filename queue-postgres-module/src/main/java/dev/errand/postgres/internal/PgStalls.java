package dev.errand.postgres.internal;

import dev.errand.queue.JobEvent;
import dev.errand.queue.JobFailure;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.OutcomeEvents;
import dev.errand.queue.spi.RunInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Jobs whose lease expired, inside a fetch's transaction: back to waiting with a stall counted, or
 * to dead once they stalled more than the lease allows, with the STALLED (and DEAD, FAILED) events
 * of each. The run each cut off is kept among the job's attempts, failed as stalled. At most {@link
 * PgFetch#BATCH} a fetch, locked with SKIP LOCKED.
 */
final class PgStalls {

  /** An expired lease's job, with its cut-off run as its {@code runs} column keeps runs. */
  private record Stalled(String id, String name, int stalls, int attempt, String run) {}

  /** Jobs whose lease expired, locked; parameters: queue, now. */
  static final String EXPIRED =
      "SELECT id, name, stalls, attempts, token, started_at FROM {job} WHERE queue = ?"
          + " AND state = 'active'"
          + " AND due_at < ? ORDER BY due_at LIMIT "
          + PgFetch.BATCH
          + " FOR UPDATE SKIP LOCKED";

  /**
   * Due delayed jobs back in line ({@link PgFetch#PROMOTE_DUE}) and the expired leases locked
   * ({@link #EXPIRED}) in one statement, one round trip for both: the first column counts the jobs
   * promoted, the others are an expired lease's (all null when none). The two touch jobs in
   * different states, so neither needs to see what the other changed. Parameters: queue, queue,
   * now, queue, now.
   */
  static final String PROMOTE_AND_FIND_EXPIRED =
      "WITH promoted AS ("
          + PgFetch.PROMOTE_DUE
          + " RETURNING 1), expired AS ("
          + EXPIRED
          + ") SELECT (SELECT count(*) FROM promoted), e.* FROM (VALUES (1)) AS one"
          + " LEFT JOIN expired e ON true";

  /** Jobs back in line: due delayed jobs promoted, expired leases' jobs recovered. */
  record Readied(int promoted, int recovered) {}

  private PgStalls() {}

  /**
   * Promotes the due delayed jobs of {@code queue} and recovers its expired leases; returns how
   * many jobs went back to waiting, promoted and recovered.
   *
   * @param then a statement sent in the same round trip, after the promotion (so it sees the jobs
   *     promoted) and before the expired leases' jobs go back to waiting (so it does not see those:
   *     they are in line for the next fetch, which the wake-up of a fetch that readied more jobs
   *     than it leased brings); or null
   */
  static Readied promoteAndRecover(
      Connection c,
      Tables t,
      String queue,
      long now,
      int maxStalled,
      List<JobEvent> noticed,
      List<AlongStatement> then)
      throws SQLException {
    List<Stalled> expired = new ArrayList<>();
    int promoted;
    StringBuilder sql = new StringBuilder(t.sql(PROMOTE_AND_FIND_EXPIRED));
    then.forEach(next -> sql.append("; ").append(next.sql()));
    try (PreparedStatement select = c.prepareStatement(sql.toString())) {
      Jdbc.bind(select, queue, queue, now, queue, now);
      int at = 6;
      for (AlongStatement next : then) {
        next.bind(select, at);
        at += next.parameters();
      }
      select.execute();
      try (ResultSet rows = select.getResultSet()) {
        rows.next();
        promoted = rows.getInt(1);
        do {
          if (rows.getString(2) == null) {
            break;
          }
          String worker = Lease.workerOf(rows.getString(6));
          String run =
              PgRuns.json(
                  RunInfo.cutOff(rows.getLong(7), now, worker), OutcomeEvents.stalledRun(worker));
          expired.add(
              new Stalled(
                  rows.getString(2), rows.getString(3), rows.getInt(4) + 1, rows.getInt(5), run));
        } while (rows.next());
      }
      for (AlongStatement next : then) {
        select.getMoreResults();
        try (ResultSet rows = select.getResultSet()) {
          next.read(rows);
        }
      }
    }
    return new Readied(promoted, recover(c, t, queue, now, maxStalled, expired, noticed));
  }

  /** Sends the {@code expired} jobs back to waiting, or to dead; returns how many went back. */
  private static int recover(
      Connection c,
      Tables t,
      String queue,
      long now,
      int maxStalled,
      List<Stalled> expired,
      List<JobEvent> noticed)
      throws SQLException {
    if (expired.isEmpty()) {
      return 0;
    }
    List<String> back = new ArrayList<>();
    List<String> backRuns = new ArrayList<>();
    for (Stalled job : expired) {
      JobFailure failure = OutcomeEvents.stalled(job.id(), job.stalls(), maxStalled);
      noticed.add(event(JobEvent.Type.STALLED, queue, job, failure));
      if (job.stalls() > maxStalled) {
        die(c, t, queue, now, job, failure);
        noticed.add(event(JobEvent.Type.DEAD, queue, job, failure));
        noticed.add(event(JobEvent.Type.FAILED, queue, job, failure));
      } else {
        back.add(job.id());
        backRuns.add(job.run());
      }
    }
    if (!back.isEmpty()) {
      try (PreparedStatement requeue =
          c.prepareStatement(
              t.sql(
                  "UPDATE {job} j SET state = 'waiting', token = NULL, due_at = NULL,"
                      + " stalls = j.stalls + 1, runs = "
                      + PgRuns.appended("j.", "v.run")
                      + " FROM unnest(?::text[], ?::text[]) AS v(id, run)"
                      + " WHERE j.queue = ? AND j.id = v.id"))) {
        return Jdbc.bind(requeue, Jdbc.texts(c, back), Jdbc.texts(c, backRuns), queue)
            .executeUpdate();
      }
    }
    return 0;
  }

  private static void die(
      Connection c, Tables t, String queue, long now, Stalled job, JobFailure failure)
      throws SQLException {
    try (PreparedStatement dead =
        c.prepareStatement(
            t.sql(
                "UPDATE {job} SET state = 'dead', token = NULL, due_at = NULL,"
                    + " stalls = stalls + 1, finished_at = ?, error_class = ?, error_message = ?,"
                    + " error_stack = ?, runs = "
                    + PgRuns.appended("", "?::text")
                    + " WHERE queue = ? AND id = ?"))) {
      Jdbc.bind(
              dead,
              now,
              failure.exceptionClass(),
              failure.message(),
              failure.stackTrace(),
              job.run(),
              job.run(),
              queue,
              job.id())
          .executeUpdate();
    }
  }

  private static JobEvent event(JobEvent.Type type, String queue, Stalled job, JobFailure failure) {
    return new JobEvent(type, queue, job.id(), job.name(), job.attempt(), null, failure);
  }
}
