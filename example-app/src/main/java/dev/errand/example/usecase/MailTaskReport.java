package dev.errand.example.usecase;

import dev.errand.example.domain.User;
import dev.errand.example.domain.UserRepository;
import dev.errand.example.jobs.Jobs;
import dev.errand.example.jobs.Payloads.ReportPart;
import dev.errand.example.jobs.Payloads.TaskReportEmail;
import dev.errand.queue.Workflow;
import dev.errand.queue.WorkflowService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Mails a user a report of their open and overdue tasks, built from two parts that run side by side
 * and mailed once both are in: a workflow, so the mail never goes out with a part missing, and a
 * part that fails for good fails the mail instead of sending half a report. One report per user and
 * day: asking again the same day adds nothing (the workflow id says so).
 */
public final class MailTaskReport {

  private final UserRepository users;
  private final WorkflowService workflows;
  private final Clock clock;

  @Inject
  MailTaskReport(UserRepository users, WorkflowService workflows, Clock clock) {
    this.users = users;
    this.workflows = workflows;
    this.clock = clock;
  }

  /** Adds the report's workflow; returns its id. */
  public String request(long userId) {
    User user = users.get(userId);
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    Workflow report = Workflow.withId("task-report-" + user.id() + "-" + today);
    ReportPart part = new ReportPart(user.id(), today);
    Workflow.Step open = report.step("open", Jobs.REPORT_OPEN_TASKS, part);
    Workflow.Step overdue = report.step("overdue", Jobs.REPORT_OVERDUE_TASKS, part);
    report
        .step("mail", Jobs.TASK_REPORT_EMAIL, new TaskReportEmail(user.email(), user.name()))
        .after(open, overdue);
    return workflows.add(report);
  }
}
