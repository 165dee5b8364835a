package dev.errand.example.jobs;

import java.time.LocalDate;
import java.util.List;

/** The payloads of the tracker's jobs: plain records, serialized as JSON by the queue. */
public final class Payloads {

  private Payloads() {}

  public record WelcomeEmail(String email, String name) {}

  public record TaskAssignedEmail(String email, String name, String taskKey, String taskTitle) {}

  public record MentionedEmail(
      String email, String name, String taskKey, String taskTitle, String authorName) {}

  public record OverdueReminderEmail(
      String email, String name, String taskKey, String taskTitle, LocalDate dueDate) {}

  public record DailyDigestEmail(String email, String name, List<String> openTasks) {}

  /** {@code sourceKey} makes the job idempotent: a second run of the same job stores nothing. */
  public record CreateNotification(
      String sourceKey,
      long recipientId,
      String type,
      String title,
      String body,
      Long taskId,
      Long commentId) {}

  /** Which user's tasks a part of a task report lists, as of which day. */
  public record ReportPart(long userId, LocalDate today) {}

  /** What a part of a task report found: one line per task, in task order. */
  public record ReportLines(List<String> lines) {}

  public record TaskReportEmail(String email, String name) {}

  public record LogActivity(
      String sourceKey, long actorId, String action, Long taskId, String summary) {}
}
