package dev.errand.cron.internal.jdbc;

import dev.errand.core.Health;
import dev.errand.cron.CronRun;
import dev.errand.cron.RunStatus;
import dev.errand.cron.spi.ClaimOutcome;
import dev.errand.cron.spi.CronStore;
import dev.errand.cron.spi.TickClaim;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Ticks and history in SQL tables (PostgreSQL or H2), created by the module's own Flyway migrations
 * with their own history table, {@code errand_cron_schema_history}.
 *
 * <p>A claim is one transaction that first locks the job's row in {@code errand_cron_job} ({@code
 * SELECT ... FOR UPDATE}), so claims of the same job across instances queue up behind each other;
 * the primary key on (job, tick) backs that up.
 */
public final class JdbcCronStore implements CronStore {

  static final String MIGRATIONS = "classpath:dev/errand/cron/migration";
  static final String SCHEMA_HISTORY = "errand_cron_schema_history";

  private final DataSource dataSource;

  public JdbcCronStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void prepare(Collection<String> jobIds) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations(MIGRATIONS)
        .table(SCHEMA_HISTORY)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      for (String jobId : jobIds) {
        insertJobIfMissing(connection, jobId);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot register cron jobs in errand_cron_job: " + e, e);
    }
  }

  @Override
  public ClaimOutcome claim(TickClaim claim) {
    return Transactions.inTransaction(
        dataSource,
        "claim tick " + claim.scheduledAt() + " of cron job " + claim.jobId(),
        connection -> ClaimSql.claim(connection, claim));
  }

  @Override
  public void finish(
      String jobId, Instant scheduledAt, RunStatus status, Instant finishedAt, String error) {
    Transactions.update(
        dataSource,
        "UPDATE errand_cron_run SET status = ?, finished_at = ?, error = ?"
            + " WHERE job_id = ? AND scheduled_at = ?",
        status.name(),
        time(finishedAt),
        truncate(error),
        jobId,
        time(scheduledAt));
  }

  @Override
  public boolean renew(String jobId, Instant scheduledAt, Instant now) {
    return Transactions.update(
            dataSource,
            "UPDATE errand_cron_run SET renewed_at = ?"
                + " WHERE job_id = ? AND scheduled_at = ? AND status = ?",
            time(now),
            jobId,
            time(scheduledAt),
            RunStatus.RUNNING.name())
        == 1;
  }

  @Override
  public List<CronRun> history(String jobId, int limit) {
    String sql =
        "SELECT job_id, scheduled_at, started_at, finished_at, status, error, instance"
            + " FROM errand_cron_run WHERE job_id = ? ORDER BY scheduled_at DESC";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, jobId);
      statement.setMaxRows(limit);
      List<CronRun> runs = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          runs.add(ClaimSql.run(rows));
        }
      }
      return runs;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the history of cron job " + jobId + ": " + e, e);
    }
  }

  @Override
  public int prune(String jobId, Instant before) {
    return Transactions.update(
        dataSource,
        "DELETE FROM errand_cron_run WHERE job_id = ? AND scheduled_at < ? AND status <> ?",
        jobId,
        time(before),
        RunStatus.RUNNING.name());
  }

  @Override
  public void setPaused(String jobId, boolean paused) {
    int updated =
        Transactions.update(
            dataSource, "UPDATE errand_cron_job SET paused = ? WHERE job_id = ?", paused, jobId);
    if (updated == 0) {
      throw new IllegalStateException(
          "Cron job " + jobId + " has no row in errand_cron_job; was the store prepared?");
    }
  }

  @Override
  public boolean isPaused(String jobId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT paused FROM errand_cron_job WHERE job_id = ?")) {
      statement.setString(1, jobId);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() && rows.getBoolean(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read whether cron job " + jobId + " is paused", e);
    }
  }

  @Override
  public Health health() {
    return Health.check(
        () -> {
          try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2)
                ? Health.ok("cron tables reachable")
                : Health.down("the database connection is not valid");
          }
        });
  }

  private static void insertJobIfMissing(Connection connection, String jobId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT 1 FROM errand_cron_job WHERE job_id = ?")) {
      select.setString(1, jobId);
      try (ResultSet rows = select.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
    }
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO errand_cron_job (job_id) VALUES (?)")) {
      insert.setString(1, jobId);
      insert.executeUpdate();
    } catch (SQLException e) {
      // Another instance registered the job between our check and insert.
      if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
        throw e;
      }
    }
  }

  static OffsetDateTime time(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  static String truncate(String error) {
    return error == null || error.length() <= 4000 ? error : error.substring(0, 4000);
  }
}
