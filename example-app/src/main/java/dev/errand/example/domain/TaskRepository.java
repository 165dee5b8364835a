package dev.errand.example.domain;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Tasks and their assignees. */
@Singleton
public final class TaskRepository {

  private final Sql sql;

  @Inject
  public TaskRepository(Sql sql) {
    this.sql = sql;
  }

  public Task create(String title, LocalDate dueDate, List<Long> assigneeIds, Instant now) {
    long id =
        sql.insert(
            "INSERT INTO tasks (title, due_date, status, created_at) VALUES (?, ?, ?, ?)",
            title,
            dueDate,
            Task.OPEN,
            now);
    for (long userId : assigneeIds) {
      sql.update("INSERT INTO task_assignees (task_id, user_id) VALUES (?, ?)", id, userId);
    }
    return new Task(id, title, dueDate, Task.OPEN, List.copyOf(assigneeIds), now);
  }

  public Optional<Task> find(long id) {
    return sql.one("SELECT * FROM tasks WHERE id = ?", this::map, id);
  }

  public Task get(long id) {
    return find(id).orElseThrow(() -> new NotFoundException("no task with id " + id));
  }

  public void markDone(long id) {
    if (sql.update("UPDATE tasks SET status = ? WHERE id = ?", Task.DONE, id) == 0) {
      throw new NotFoundException("no task with id " + id);
    }
  }

  /** Open tasks whose due date is before {@code today}. */
  public List<Task> overdue(LocalDate today) {
    return sql.list(
        "SELECT * FROM tasks WHERE due_date < ? AND status <> ? ORDER BY id",
        this::map,
        today,
        Task.DONE);
  }

  /** Open tasks assigned to a user. */
  public List<Task> openFor(long userId) {
    return sql.list(
        "SELECT t.* FROM tasks t JOIN task_assignees a ON a.task_id = t.id"
            + " WHERE a.user_id = ? AND t.status <> ? ORDER BY t.id",
        this::map,
        userId,
        Task.DONE);
  }

  private List<Long> assignees(long taskId) {
    return sql.list(
        "SELECT user_id FROM task_assignees WHERE task_id = ? ORDER BY user_id",
        row -> row.getLong(1),
        taskId);
  }

  private Task map(ResultSet row) throws SQLException {
    long id = row.getLong("id");
    return new Task(
        id,
        row.getString("title"),
        Sql.date(row, "due_date"),
        row.getString("status"),
        assignees(id),
        Sql.instant(row, "created_at"));
  }
}
