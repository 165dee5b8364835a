package dev.errand.example.http;

import dev.errand.example.domain.Task;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A task as the API shows it, with its key. */
record TaskView(
    long id,
    String key,
    String title,
    LocalDate dueDate,
    String status,
    List<Long> assigneeIds,
    Instant createdAt) {

  static TaskView of(Task task) {
    return new TaskView(
        task.id(),
        task.key(),
        task.title(),
        task.dueDate(),
        task.status(),
        task.assigneeIds(),
        task.createdAt());
  }
}
