package com.acme.jobs;

import dev.errand.mailer.Mail;
import dev.errand.mailer.MailerService;
import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.Process;
import jakarta.inject.Inject;

/** The README's processor. */
@Job("email")
final class EmailProcessor {

  private final MailerService mailer;

  @Inject
  EmailProcessor(MailerService mailer) {
    this.mailer = mailer;
  }

  @Process("send-welcome-email")
  void sendWelcome(WelcomeEmail data, JobContext job) {
    mailer.send(
        Mail.builder().to(data.email()).subject("Welcome!").text("Hi " + data.firstName()).build());
    job.log("welcomed " + data.email());
  }

  @Process("send-follow-up")
  void sendFollowUp(WelcomeEmail data) {
    mailer.send(
        Mail.builder().to(data.email()).subject("How is it going?").text("Hi again").build());
  }
}
