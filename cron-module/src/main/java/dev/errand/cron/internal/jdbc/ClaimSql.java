package dev.errand.cron.internal.jdbc;

import dev.errand.cron.CronRun;
import dev.errand.cron.RunStatus;
import dev.errand.cron.spi.ClaimOutcome;
import dev.errand.cron.spi.TickClaim;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** The claim transaction of {@link JdbcCronStore}, statement by statement. */
final class ClaimSql {

  private ClaimSql() {}

  static ClaimOutcome claim(Connection connection, TickClaim claim) throws SQLException {
    Boolean paused = lockJob(connection, claim.jobId());
    if (paused == null) {
      throw new SQLException(
          "Cron job " + claim.jobId() + " has no row in errand_cron_job; was the store prepared?");
    }
    if (paused && !claim.ignorePause()) {
      return ClaimOutcome.PAUSED;
    }
    if (exists(connection, claim)) {
      return ClaimOutcome.TAKEN;
    }
    // A lapsed lease first: a dead instance is the likelier cause, and its error says so.
    failRunsBefore(
        connection,
        claim,
        "COALESCE(renewed_at, started_at)",
        claim.now().minus(claim.lease()),
        claim.abandonedError());
    failRunsBefore(
        connection, claim, "started_at", claim.now().minus(claim.staleAfter()), claim.staleError());
    boolean running = runningExists(connection, claim);
    Transactions.execute(
        connection,
        "INSERT INTO errand_cron_run"
            + " (job_id, scheduled_at, status, started_at, finished_at, instance)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        claim.jobId(),
        JdbcCronStore.time(claim.scheduledAt()),
        running ? RunStatus.SKIPPED.name() : RunStatus.RUNNING.name(),
        JdbcCronStore.time(claim.now()),
        running ? JdbcCronStore.time(claim.now()) : null,
        claim.instance());
    return running ? ClaimOutcome.SKIPPED : ClaimOutcome.RUN;
  }

  /**
   * Marks FAILURE, with {@code error}, the job's RUNNING runs whose {@code time} is at or before.
   */
  private static void failRunsBefore(
      Connection connection, TickClaim claim, String time, Instant cutoff, String error)
      throws SQLException {
    Transactions.execute(
        connection,
        "UPDATE errand_cron_run SET status = ?, finished_at = ?, error = ?"
            + " WHERE job_id = ? AND status = ? AND "
            + time
            + " <= ?",
        RunStatus.FAILURE.name(),
        JdbcCronStore.time(claim.now()),
        error,
        claim.jobId(),
        RunStatus.RUNNING.name(),
        JdbcCronStore.time(cutoff));
  }

  /** Locks the job's row until commit; returns its paused flag, or null without a row. */
  private static Boolean lockJob(Connection connection, String jobId) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT paused FROM errand_cron_job WHERE job_id = ? FOR UPDATE")) {
      statement.setString(1, jobId);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getBoolean(1) : null;
      }
    }
  }

  private static boolean exists(Connection connection, TickClaim claim) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT 1 FROM errand_cron_run WHERE job_id = ? AND scheduled_at = ?")) {
      statement.setString(1, claim.jobId());
      statement.setObject(2, JdbcCronStore.time(claim.scheduledAt()));
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static boolean runningExists(Connection connection, TickClaim claim) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT 1 FROM errand_cron_run WHERE job_id = ? AND status = ?")) {
      statement.setString(1, claim.jobId());
      statement.setString(2, RunStatus.RUNNING.name());
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  static CronRun run(ResultSet rows) throws SQLException {
    OffsetDateTime finished = rows.getObject("finished_at", OffsetDateTime.class);
    return new CronRun(
        rows.getString("job_id"),
        rows.getObject("scheduled_at", OffsetDateTime.class).toInstant(),
        rows.getObject("started_at", OffsetDateTime.class).toInstant(),
        finished == null ? null : finished.toInstant(),
        RunStatus.valueOf(rows.getString("status")),
        rows.getString("error"),
        rows.getString("instance"));
  }
}
