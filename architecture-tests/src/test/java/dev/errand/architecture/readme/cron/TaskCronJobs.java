package dev.errand.architecture.readme.cron;

import dev.errand.cron.Cron;
import dev.errand.cron.CronContext;
import dev.errand.queue.QueueService;
import jakarta.inject.Inject;

// README: "Cron".
final class TaskCronJobs {
  private final QueueService queue;

  @Inject
  TaskCronJobs(QueueService queue) {
    this.queue = queue;
  }

  @Cron(value = "0 9 * * *", description = "Send overdue task reminders", timezone = "UTC")
  void overdueReminders() {
    /* query, then queue.add(...) */
  }

  @Cron(value = "${JOBS_DATA_RETENTION_SCHEDULE:0 2 * * *}", description = "Data retention")
  void retention(CronContext run) {
    /* run.scheduledAt() is the same on every instance */
  }

  @Cron("@every 30s")
  void heartbeat() {}
}
