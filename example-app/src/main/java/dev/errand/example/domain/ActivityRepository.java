package dev.errand.example.domain;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/** The activity feed, written idempotently by the activity job. */
@Singleton
public final class ActivityRepository {

  private final Sql sql;

  @Inject
  public ActivityRepository(Sql sql) {
    this.sql = sql;
  }

  /** Appends an entry once per {@code sourceKey}; false when it was already there. */
  public boolean appendOnce(
      String sourceKey, long actorId, String action, Long taskId, String summary, Instant now) {
    return sql.insertOnce(
        "INSERT INTO activity (source_key, actor_id, action, task_id, summary, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        sourceKey,
        actorId,
        action,
        taskId,
        summary,
        now);
  }

  public List<ActivityEntry> latest(int limit) {
    return sql.list(
        "SELECT * FROM activity ORDER BY id DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
        row ->
            new ActivityEntry(
                row.getLong("id"),
                row.getLong("actor_id"),
                row.getString("action"),
                Sql.nullableLong(row, "task_id"),
                row.getString("summary"),
                Sql.instant(row, "created_at")));
  }
}
