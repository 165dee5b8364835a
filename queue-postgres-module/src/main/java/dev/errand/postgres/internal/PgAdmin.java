package dev.errand.postgres.internal;

import dev.errand.queue.JobInfo;
import dev.errand.queue.JobSearch;
import dev.errand.queue.JobState;
import dev.errand.queue.MinuteStats;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueCounts;
import dev.errand.queue.WorkerProcess;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What operators do to the PostgreSQL backend's queues. Each action is one transaction; those over
 * many jobs go in batches of {@link PgFetch#BATCH}, each its own transaction, so none holds many
 * row locks for long: retry all here, the deletions (clean, trim, drain) in {@link PgBatchDeletes}.
 */
final class PgAdmin implements QueueAdmin {

  private final Supplier<Jdbc> jdbc;
  private final Tables t;
  private final PgInsight insight;
  private final PgBatchDeletes deletes;

  PgAdmin(Supplier<Jdbc> jdbc, Tables tables, Clock clock, PgInsight insight) {
    this.insight = insight;
    this.jdbc = jdbc;
    this.t = tables;
    this.deletes = new PgBatchDeletes(jdbc, tables, clock);
  }

  @Override
  public List<String> queues() {
    return insight.queues();
  }

  @Override
  public QueueCounts counts(String queue) {
    return jdbc.get()
        .transaction(
            "count the jobs of queue '" + queue + "'",
            c -> {
              Map<JobState, Long> counts = new EnumMap<>(JobState.class);
              try (PreparedStatement select =
                  c.prepareStatement(
                      t.sql("SELECT state, count(*) FROM {job} WHERE queue = ? GROUP BY state"))) {
                try (ResultSet rows = Jdbc.bind(select, queue).executeQuery()) {
                  while (rows.next()) {
                    counts.put(JobState.ofCode(rows.getString(1)), rows.getLong(2));
                  }
                }
              }
              return new QueueCounts(
                  counts.getOrDefault(JobState.WAITING, 0L),
                  counts.getOrDefault(JobState.DELAYED, 0L),
                  counts.getOrDefault(JobState.ACTIVE, 0L),
                  counts.getOrDefault(JobState.COMPLETED, 0L),
                  counts.getOrDefault(JobState.FAILED, 0L),
                  counts.getOrDefault(JobState.DEAD, 0L),
                  paused(c, queue));
            });
  }

  private boolean paused(Connection c, String queue) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(t.sql("SELECT paused FROM {queue} WHERE queue = ?"))) {
      try (ResultSet row = Jdbc.bind(select, queue).executeQuery()) {
        return row.next() && row.getBoolean(1);
      }
    }
  }

  @Override
  public Optional<JobInfo> job(String queue, String id) {
    return Optional.ofNullable(
        jdbc.get()
            .transaction(
                "read job " + id + " of queue '" + queue + "'", c -> PgJobs.one(c, t, queue, id)));
  }

  @Override
  public List<JobInfo> jobs(String queue, JobState state, int offset, int limit) {
    return jdbc.get()
        .transaction(
            "list the " + state.code() + " jobs of queue '" + queue + "'",
            c -> PgJobs.list(c, t, queue, state, offset, limit));
  }

  @Override
  public boolean retry(String queue, String id) {
    return requeue(queue, "AND id = ?", id) == 1;
  }

  @Override
  public long retryAll(String queue) {
    long total = 0;
    int moved;
    do {
      moved =
          requeue(
              queue,
              "AND id = ANY(ARRAY(SELECT id FROM {job} WHERE queue = ?"
                  + " AND state IN ('failed', 'dead')"
                  + " LIMIT "
                  + PgFetch.BATCH
                  + " FOR UPDATE SKIP LOCKED))",
              queue);
      total += moved;
    } while (moved > 0);
    return total;
  }

  /** Failed or dead jobs back to waiting with their attempts reset; wakes idle workers. */
  private int requeue(String queue, String which, Object value) {
    return jdbc.get()
        .transaction(
            "retry jobs of queue '" + queue + "'",
            c -> {
              int moved;
              try (PreparedStatement update =
                  c.prepareStatement(
                      t.sql(
                          "UPDATE {job} SET state = 'waiting', attempts = 0, stalls = 0,"
                              + " finished_at = NULL, error_class = NULL, error_message = NULL,"
                              + " error_stack = NULL WHERE queue = ? AND state IN ('failed', 'dead') "
                              + which))) {
                moved = Jdbc.bind(update, queue, value).executeUpdate();
              }
              if (moved > 0) {
                Notify.wake(c, t, queue);
              }
              return moved;
            });
  }

  @Override
  public boolean remove(String queue, String id) {
    return update(
            queue,
            "remove job " + id,
            "DELETE FROM {job} WHERE queue = ? AND id = ? AND state <> 'active'",
            id,
            false)
        == 1;
  }

  @Override
  public boolean promote(String queue, String id) {
    return update(
            queue,
            "promote job " + id,
            "UPDATE {job} SET state = 'waiting', due_at = NULL WHERE queue = ? AND id = ?"
                + " AND state = 'delayed'",
            id,
            true)
        == 1;
  }

  @Override
  public long clean(String queue, JobState state, Duration olderThan) {
    return deletes.clean(queue, state, olderThan);
  }

  @Override
  public long trim(String queue, JobState state, long keep) {
    return deletes.trim(queue, state, keep);
  }

  @Override
  public long drain(String queue) {
    return deletes.drain(queue, "", ids -> {});
  }

  /** {@link #drain(String)}, handing {@code drained} the deleted ids that start with idPrefix. */
  long drain(String queue, String idPrefix, Consumer<List<String>> drained) {
    return deletes.drain(queue, idPrefix, drained);
  }

  @Override
  public void pause(String queue) {
    paused(queue, true);
  }

  @Override
  public void resume(String queue) {
    paused(queue, false);
  }

  private void paused(String queue, boolean paused) {
    jdbc.get()
        .transaction(
            (paused ? "pause" : "resume") + " queue '" + queue + "'",
            c -> {
              try (PreparedStatement upsert =
                  c.prepareStatement(
                      t.sql(
                          "INSERT INTO {queue} (queue, paused) VALUES (?, ?) ON CONFLICT (queue)"
                              + " DO UPDATE SET paused = EXCLUDED.paused"))) {
                Jdbc.bind(upsert, queue, paused).executeUpdate();
              }
              Notify.wake(c, t, queue);
              return null;
            });
  }

  @Override
  public boolean cancel(String queue, String id) {
    return jdbc.get()
        .transaction(
            "cancel job " + id + " of queue '" + queue + "'",
            c -> {
              boolean active;
              try (PreparedStatement select =
                  c.prepareStatement(
                      t.sql(
                          "SELECT 1 FROM {job} WHERE queue = ? AND id = ? AND state = 'active'"))) {
                try (ResultSet row = Jdbc.bind(select, queue, id).executeQuery()) {
                  active = row.next();
                }
              }
              if (active) {
                Notify.cancel(c, t, queue, id);
              }
              return active;
            });
  }

  private int update(String queue, String what, String sql, String id, boolean wake) {
    return jdbc.get()
        .transaction(
            what + " of queue '" + queue + "'",
            c -> {
              int changed;
              try (PreparedStatement statement = c.prepareStatement(t.sql(sql))) {
                changed = Jdbc.bind(statement, queue, id).executeUpdate();
              }
              if (changed > 0 && wake) {
                Notify.wake(c, t, queue);
              }
              return changed;
            });
  }

  @Override
  public List<MinuteStats> history(String queue, Instant from, Instant to) {
    return insight.history(queue, from, to);
  }

  @Override
  public List<WorkerProcess> processes() {
    return insight.processes();
  }

  @Override
  public JobSearch search(String queue, String text, JobState state, int limit) {
    return insight.search(queue, text, state, limit);
  }
}
