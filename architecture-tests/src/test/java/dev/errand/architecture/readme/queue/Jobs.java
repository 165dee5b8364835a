package dev.errand.architecture.readme.queue;

import dev.errand.mailer.Mail;
import dev.errand.mailer.MailerService;
import dev.errand.queue.Backoff;
import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobType;
import dev.errand.queue.Process;
import dev.errand.queue.QueueService;
import dev.errand.queue.Retention;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;

// README: "Queue".
@Job("email")
final class EmailProcessor {
  private final MailerService mailer;

  @Inject
  EmailProcessor(MailerService mailer) {
    this.mailer = mailer;
  }

  @Process("send-welcome-email")
  void sendWelcome(WelcomeEmail data, JobContext job) {
    job.progress(50);
    mailer.send(
        Mail.builder().to(data.email()).subject("Welcome").text("Hi " + data.firstName()).build());
  }

  @Process // no name: every other job of the queue
  void other(Map<String, Object> data) {
    /* ... */
  }
}

public final class Jobs { // one constant for the dispatch and its handler
  public static final JobType<WelcomeEmail> WELCOME =
      JobType.of("email", "send-welcome-email", WelcomeEmail.class);
}

final class RegisterUser { // a use case: QueueService is injectable anywhere
  private final QueueService queue;

  @Inject
  RegisterUser(QueueService queue) {
    this.queue = queue;
  }

  void register(User u) {
    queue.add(Jobs.WELCOME, new WelcomeEmail(u.email(), u.firstName())); // typed
    queue.add(
        "email",
        "send-digest",
        Map.of("email", u.email()), // untyped
        JobOptions.builder()
            .jobId("digest-" + u.id()) // idempotent: a second add returns this id
            .delay(Duration.ofMinutes(5)) // or .runAt(instant)
            .priority(-10) // higher runs first; FIFO within a priority
            .attempts(5)
            .backoff(
                Backoff.exponential(Duration.ofSeconds(1), 0.2)) // or fixed(..), custom("name")
            .timeout(Duration.ofSeconds(30))
            .removeOnComplete(
                Retention.keepLast(100)) // none(), keepAll(), keepFor(Duration.ofHours(24))
            .build());
  }
}
