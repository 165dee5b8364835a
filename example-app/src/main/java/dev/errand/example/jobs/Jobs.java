package dev.errand.example.jobs;

import dev.errand.example.jobs.Payloads.CreateNotification;
import dev.errand.example.jobs.Payloads.DailyDigestEmail;
import dev.errand.example.jobs.Payloads.LogActivity;
import dev.errand.example.jobs.Payloads.MentionedEmail;
import dev.errand.example.jobs.Payloads.OverdueReminderEmail;
import dev.errand.example.jobs.Payloads.ReportPart;
import dev.errand.example.jobs.Payloads.TaskAssignedEmail;
import dev.errand.example.jobs.Payloads.TaskReportEmail;
import dev.errand.example.jobs.Payloads.WelcomeEmail;
import dev.errand.queue.JobType;

/**
 * Every job the tracker dispatches. Dispatch ({@code queue.add(Jobs.WELCOME_EMAIL, payload)}) and
 * the {@code @Process} methods share these constants, so a payload mismatch fails to compile.
 */
public final class Jobs {

  public static final String EMAIL = "email";
  public static final String NOTIFICATIONS = "notifications";
  public static final String ACTIVITY = "activity";
  public static final String REPORTS = "reports";

  public static final JobType<WelcomeEmail> WELCOME_EMAIL =
      JobType.of(EMAIL, "send-welcome-email", WelcomeEmail.class);
  public static final JobType<TaskAssignedEmail> TASK_ASSIGNED_EMAIL =
      JobType.of(EMAIL, "send-task-assigned", TaskAssignedEmail.class);
  public static final JobType<MentionedEmail> MENTIONED_EMAIL =
      JobType.of(EMAIL, "send-mentioned", MentionedEmail.class);
  public static final JobType<OverdueReminderEmail> OVERDUE_REMINDER_EMAIL =
      JobType.of(EMAIL, "send-overdue-reminder", OverdueReminderEmail.class);
  public static final JobType<DailyDigestEmail> DAILY_DIGEST_EMAIL =
      JobType.of(EMAIL, "send-daily-digest", DailyDigestEmail.class);
  public static final JobType<CreateNotification> CREATE_NOTIFICATION =
      JobType.of(NOTIFICATIONS, "create-notification", CreateNotification.class);
  public static final JobType<LogActivity> LOG_ACTIVITY =
      JobType.of(ACTIVITY, "log-activity", LogActivity.class);

  /** The parts of a user's task report (steps of one workflow), then its mail once both are in. */
  public static final JobType<ReportPart> REPORT_OPEN_TASKS =
      JobType.of(REPORTS, "report-open-tasks", ReportPart.class);

  public static final JobType<ReportPart> REPORT_OVERDUE_TASKS =
      JobType.of(REPORTS, "report-overdue-tasks", ReportPart.class);
  public static final JobType<TaskReportEmail> TASK_REPORT_EMAIL =
      JobType.of(EMAIL, "send-task-report", TaskReportEmail.class);

  private Jobs() {}
}
