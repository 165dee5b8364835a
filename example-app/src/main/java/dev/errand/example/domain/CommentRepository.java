package dev.errand.example.domain;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;

/** Comments on tasks. */
@Singleton
public final class CommentRepository {

  private final Sql sql;

  @Inject
  public CommentRepository(Sql sql) {
    this.sql = sql;
  }

  public Comment create(long taskId, long authorId, String body, Instant now) {
    long id =
        sql.insert(
            "INSERT INTO comments (task_id, author_id, body, created_at) VALUES (?, ?, ?, ?)",
            taskId,
            authorId,
            body,
            now);
    return new Comment(id, taskId, authorId, body, now);
  }
}
