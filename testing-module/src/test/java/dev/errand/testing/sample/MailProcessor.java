package dev.errand.testing.sample;

import dev.errand.mailer.Mail;
import dev.errand.mailer.MailerService;
import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.Process;
import jakarta.inject.Inject;

/** Sends the sample's mail. */
@Job("email")
final class MailProcessor {

  private final MailerService mailer;
  private final Recorder recorder;

  @Inject
  MailProcessor(MailerService mailer, Recorder recorder) {
    this.mailer = mailer;
    this.recorder = recorder;
  }

  @Process("send-welcome")
  String sendWelcome(Jobs.Welcome data, JobContext job) {
    job.progress(50);
    mailer.send(
        Mail.builder()
            .to(data.email())
            .subject("Welcome, " + data.name())
            .text("Hello " + data.name())
            .build());
    job.log("welcomed " + data.email() + ", attempt " + job.attempt() + " of " + job.maxAttempts());
    job.progress(100);
    recorder.record("welcome " + data.email());
    return "sent to " + data.email();
  }

  @Process("reminder")
  void remind(Jobs.Reminder data) {
    recorder.record("reminder " + data.day());
  }
}
