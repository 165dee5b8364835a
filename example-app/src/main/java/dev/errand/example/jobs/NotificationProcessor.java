package dev.errand.example.jobs;

import dev.errand.example.domain.NotificationRepository;
import dev.errand.example.jobs.Payloads.CreateNotification;
import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.Process;
import jakarta.inject.Inject;
import java.time.Clock;

/** Stores notifications; a repeated run of the same job stores nothing new. */
@Job(Jobs.NOTIFICATIONS)
final class NotificationProcessor {

  private final NotificationRepository notifications;
  private final Clock clock;

  @Inject
  NotificationProcessor(NotificationRepository notifications, Clock clock) {
    this.notifications = notifications;
    this.clock = clock;
  }

  @Process("create-notification")
  void create(CreateNotification data, JobContext job) {
    boolean stored =
        notifications.createOnce(
            data.sourceKey(),
            data.recipientId(),
            data.type(),
            data.title(),
            data.body(),
            data.taskId(),
            data.commentId(),
            clock.instant());
    job.log(stored ? "stored " + data.sourceKey() : "already stored " + data.sourceKey());
  }
}
