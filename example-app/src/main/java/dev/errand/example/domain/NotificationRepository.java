package dev.errand.example.domain;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/** Notifications, written idempotently by the notification job. */
@Singleton
public final class NotificationRepository {

  private final Sql sql;

  @Inject
  public NotificationRepository(Sql sql) {
    this.sql = sql;
  }

  /**
   * Stores a notification once per {@code sourceKey}.
   *
   * @return false when a notification with that key already exists (a repeated job run)
   */
  public boolean createOnce(
      String sourceKey,
      long recipientId,
      String type,
      String title,
      String body,
      Long taskId,
      Long commentId,
      Instant now) {
    return sql.insertOnce(
        "INSERT INTO notifications (source_key, recipient_id, type, title, body, task_id,"
            + " comment_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        sourceKey,
        recipientId,
        type,
        title,
        body,
        taskId,
        commentId,
        now);
  }

  public List<Notification> forUser(long userId) {
    return sql.list(
        "SELECT * FROM notifications WHERE recipient_id = ? ORDER BY id DESC",
        row ->
            new Notification(
                row.getLong("id"),
                row.getLong("recipient_id"),
                row.getString("type"),
                row.getString("title"),
                row.getString("body"),
                Sql.nullableLong(row, "task_id"),
                Sql.nullableLong(row, "comment_id"),
                Sql.instant(row, "created_at")),
        userId);
  }
}
