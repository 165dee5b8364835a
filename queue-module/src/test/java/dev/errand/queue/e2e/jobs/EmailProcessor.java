package dev.errand.queue.e2e.jobs;

import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.Process;
import jakarta.inject.Inject;
import java.util.Map;

/** A processor found by scanning this package. */
@Job("email")
final class EmailProcessor {

  private final Outbox outbox;

  @Inject
  EmailProcessor(Outbox outbox) {
    this.outbox = outbox;
  }

  @Process("send-welcome-email")
  void sendWelcome(WelcomeEmail data, JobContext job) {
    outbox.send("welcome " + data.firstName() + " <" + data.email() + "> attempt " + job.attempt());
  }

  @Process("send-digest")
  void sendDigest(Map<String, Object> data) {
    outbox.send("digest for " + data.get("email") + " with " + data.get("items") + " items");
  }
}
