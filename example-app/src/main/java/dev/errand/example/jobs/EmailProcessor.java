package dev.errand.example.jobs;

import dev.errand.example.jobs.Payloads.DailyDigestEmail;
import dev.errand.example.jobs.Payloads.MentionedEmail;
import dev.errand.example.jobs.Payloads.OverdueReminderEmail;
import dev.errand.example.jobs.Payloads.ReportLines;
import dev.errand.example.jobs.Payloads.TaskAssignedEmail;
import dev.errand.example.jobs.Payloads.TaskReportEmail;
import dev.errand.example.jobs.Payloads.WelcomeEmail;
import dev.errand.mailer.Mail;
import dev.errand.mailer.MailAddress;
import dev.errand.mailer.MailerService;
import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.Process;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sends the tracker's mail. Each mail carries the job id as its idempotency key, so an HTTP mail
 * API can drop the duplicate when a retried job sends the same mail twice.
 */
@Job(Jobs.EMAIL)
final class EmailProcessor {

  private final MailerService mailer;

  @Inject
  EmailProcessor(MailerService mailer) {
    this.mailer = mailer;
  }

  @Process("send-welcome-email")
  void sendWelcome(WelcomeEmail data, JobContext job) {
    send("welcome", data.email(), data.name(), data, job);
  }

  @Process("send-task-assigned")
  void sendTaskAssigned(TaskAssignedEmail data, JobContext job) {
    send("task-assigned", data.email(), data.name(), data, job);
  }

  @Process("send-mentioned")
  void sendMentioned(MentionedEmail data, JobContext job) {
    send("mentioned", data.email(), data.name(), data, job);
  }

  @Process("send-overdue-reminder")
  void sendOverdueReminder(OverdueReminderEmail data, JobContext job) {
    send("overdue-reminder", data.email(), data.name(), data, job);
  }

  @Process("send-daily-digest")
  void sendDailyDigest(DailyDigestEmail data, JobContext job) {
    send("daily-digest", data.email(), data.name(), data, job);
  }

  /**
   * The last step of a task report's workflow: it runs once both parts completed, and mails what
   * they found as one CSV attachment.
   */
  @Process("send-task-report")
  void sendTaskReport(TaskReportEmail data, JobContext job) {
    List<String> open = part(job, "open");
    List<String> overdue = part(job, "overdue");
    StringBuilder csv = new StringBuilder("list,task,title,due\n");
    open.forEach(line -> csv.append("open,").append(line).append('\n'));
    overdue.forEach(line -> csv.append("overdue,").append(line).append('\n'));
    Mail mail =
        Mail.builder()
            .to(MailAddress.of(data.email(), data.name()))
            .subject("Your tasks: " + open.size() + " open, " + overdue.size() + " overdue")
            .text("Hello " + data.name() + ",\n\nyour open and overdue tasks are attached.\n")
            .attach("tasks.csv", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8))
            .idempotencyKey(job.id())
            .build();
    mailer.send(mail);
    job.log("sent task report to " + data.email());
  }

  private static List<String> part(JobContext job, String step) {
    return job.dependencies()
        .result(step, ReportLines.class)
        .orElseThrow(() -> new IllegalStateException("the report's part '" + step + "' is missing"))
        .lines();
  }

  private void send(String template, String email, String name, Object model, JobContext job) {
    Mail mail = Mail.builder().to(MailAddress.of(email, name)).idempotencyKey(job.id()).build();
    mailer.sendTemplate(template, mail, model);
    job.log("sent " + template + " mail to " + email);
  }
}
