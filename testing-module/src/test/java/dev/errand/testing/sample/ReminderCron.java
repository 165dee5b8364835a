package dev.errand.testing.sample;

import dev.errand.cron.Cron;
import dev.errand.cron.CronContext;
import dev.errand.queue.QueueService;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Enqueues a reminder every morning at nine (UTC). */
public final class ReminderCron {

  private final QueueService queue;

  @Inject
  ReminderCron(QueueService queue) {
    this.queue = queue;
  }

  @Cron(value = "0 9 * * *", description = "Morning reminder", timezone = "UTC")
  void morning(CronContext run) {
    String day = LocalDate.ofInstant(run.scheduledAt(), ZoneOffset.UTC).toString();
    queue.add(Jobs.REMINDER, new Jobs.Reminder(day));
  }
}
