package dev.errand.example.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A task; its key ({@code ERR-12}) is derived from its id. */
public record Task(
    long id,
    String title,
    LocalDate dueDate,
    String status,
    List<Long> assigneeIds,
    Instant createdAt) {

  public static final String OPEN = "open";
  public static final String DONE = "done";

  public String key() {
    return keyOf(id);
  }

  public static String keyOf(long id) {
    return "ERR-" + id;
  }
}
