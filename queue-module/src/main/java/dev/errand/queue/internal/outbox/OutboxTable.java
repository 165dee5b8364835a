package dev.errand.queue.internal.outbox;

import dev.errand.queue.Deduplication;
import dev.errand.queue.spi.JobDraft;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The outbox table: rows written on the caller's connection, read back in id order by the relay. A
 * job added without a {@code jobId} gets {@value #ID_PREFIX} and its row id as its id, so a row
 * sent twice (the relay died between the queue's add and the row's delete) adds one job.
 */
final class OutboxTable {

  static final String ID_PREFIX = "outbox-";
  static final String TABLE = "errand_job_outbox";
  private static final String MIGRATIONS = "classpath:dev/errand/queue/outbox";
  private static final String HISTORY = "errand_outbox_schema_history";

  private static final String INSERT =
      "INSERT INTO "
          + TABLE
          + " (queue, job_id, name, payload, options, priority, run_at, group_key, dedup_key,"
          + " dedup_mode, dedup_window_ms, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  // FOR UPDATE without SKIP LOCKED: relays of several processes take turns, which keeps each
  // queue's jobs in commit order; one relay moves hundreds of rows per turn.
  private static final String TAKE =
      "SELECT id, queue, job_id, name, payload, options, priority, run_at, group_key, dedup_key,"
          + " dedup_mode, dedup_window_ms, added_at FROM "
          + TABLE
          + " ORDER BY id FETCH FIRST ? ROWS ONLY FOR UPDATE";

  private OutboxTable() {}

  /** A committed row: the queue it goes to, the job (its id settled), and when it was added. */
  record Row(long rowId, String queue, JobDraft draft, Instant addedAt) {}

  /** Creates or updates the table, with a migration history of its own. */
  static void prepare(DataSource dataSource) {
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations(MIGRATIONS)
          .table(HISTORY)
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new IllegalStateException(
          "JOBS_OUTBOX=true cannot create the table "
              + TABLE
              + ": "
              + e.getMessage()
              + ". The database user needs CREATE on the current schema.",
          e);
    }
  }

  /**
   * Writes {@code drafts} on {@code connection}, in the caller's transaction; returns their ids.
   */
  static List<String> insert(
      Connection connection, String queue, List<JobDraft> drafts, Instant now) throws SQLException {
    List<String> ids = new ArrayList<>(drafts.size());
    try (PreparedStatement insert = connection.prepareStatement(INSERT, new String[] {"id"})) {
      for (JobDraft draft : drafts) {
        bind(insert, queue, draft, now);
        insert.addBatch();
      }
      // One round trip for the lot; the row ids come back in the order the rows went in.
      insert.executeBatch();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        for (JobDraft draft : drafts) {
          if (!keys.next()) {
            throw new SQLException("the database returned fewer row ids than rows written");
          }
          ids.add(draft.jobId() != null ? draft.jobId() : ID_PREFIX + keys.getLong(1));
        }
      }
    }
    return ids;
  }

  /** Locks and reads the oldest {@code max} rows, in the relay's transaction. */
  static List<Row> take(Connection connection, int max) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement take = connection.prepareStatement(TAKE)) {
      take.setInt(1, max);
      try (ResultSet row = take.executeQuery()) {
        while (row.next()) {
          rows.add(read(row));
        }
      }
    }
    return rows;
  }

  static void delete(Connection connection, List<Row> rows) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM " + TABLE + " WHERE id = ?")) {
      for (Row row : rows) {
        delete.setLong(1, row.rowId());
        delete.addBatch();
      }
      delete.executeBatch();
    }
  }

  /** How many rows wait, and the oldest one's add time (null when none). */
  static Backlog backlog(Connection connection) throws SQLException {
    try (PreparedStatement count =
            connection.prepareStatement("SELECT COUNT(*), MIN(added_at) FROM " + TABLE);
        ResultSet row = count.executeQuery()) {
      row.next();
      Timestamp oldest = row.getTimestamp(2);
      return new Backlog(row.getLong(1), oldest == null ? null : oldest.toInstant());
    }
  }

  record Backlog(long rows, Instant oldest) {}

  private static void bind(PreparedStatement insert, String queue, JobDraft draft, Instant now)
      throws SQLException {
    Deduplication dedup = draft.deduplication();
    insert.setString(1, queue);
    insert.setString(2, draft.jobId());
    insert.setString(3, draft.name());
    insert.setString(4, draft.payload());
    insert.setString(5, draft.options());
    insert.setInt(6, draft.priority());
    setTime(insert, 7, draft.runAt());
    insert.setString(8, draft.group());
    insert.setString(9, dedup == null ? null : dedup.key());
    insert.setString(10, dedup == null ? null : dedup.mode().name());
    if (dedup == null || dedup.window() == null) {
      insert.setNull(11, Types.BIGINT);
    } else {
      insert.setLong(11, dedup.window().toMillis());
    }
    setTime(insert, 12, now);
  }

  private static Row read(ResultSet row) throws SQLException {
    long rowId = row.getLong("id");
    String jobId = row.getString("job_id");
    Timestamp runAt = row.getTimestamp("run_at");
    String dedupKey = row.getString("dedup_key");
    Deduplication dedup = null;
    if (dedupKey != null) {
      long window = row.getLong("dedup_window_ms");
      dedup =
          new Deduplication(
              dedupKey,
              Deduplication.Mode.valueOf(row.getString("dedup_mode")),
              row.wasNull() ? null : Duration.ofMillis(window));
    }
    JobDraft draft =
        new JobDraft(
            row.getString("name"),
            row.getString("payload"),
            row.getString("options"),
            jobId != null ? jobId : ID_PREFIX + rowId,
            row.getInt("priority"),
            runAt == null ? null : runAt.toInstant(),
            row.getString("group_key"),
            dedup);
    return new Row(rowId, row.getString("queue"), draft, row.getTimestamp("added_at").toInstant());
  }

  private static void setTime(PreparedStatement statement, int index, Instant time)
      throws SQLException {
    if (time == null) {
      statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setTimestamp(index, Timestamp.from(time));
    }
  }
}
