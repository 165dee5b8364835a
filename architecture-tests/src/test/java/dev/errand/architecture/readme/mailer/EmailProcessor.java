package dev.errand.architecture.readme.mailer;

import dev.errand.architecture.readme.queue.WelcomeEmail;
import dev.errand.mailer.Mail;
import dev.errand.mailer.MailerService;
import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.Process;
import jakarta.inject.Inject;
import java.util.Map;

// README: "Mailer".
@Job("email")
final class EmailProcessor {
  private final MailerService mailer;

  @Inject
  EmailProcessor(MailerService mailer) {
    this.mailer = mailer;
  }

  @Process("send-welcome-email")
  void sendWelcome(WelcomeEmail data, JobContext job) {
    mailer.sendTemplate(
        "welcome", // mail/welcome.html.mustache + .text.mustache
        Mail.builder().to(data.email()).idempotencyKey(job.id()).build(),
        Map.of("firstName", data.firstName())); // escaped in html by default
  }
}
