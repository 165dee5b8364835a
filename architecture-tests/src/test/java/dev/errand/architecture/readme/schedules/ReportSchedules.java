package dev.errand.architecture.readme.schedules;

import dev.errand.cron.JobSchedules;
import dev.errand.cron.Recurrence;
import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.JobOptions;
import dev.errand.queue.Process;
import jakarta.inject.Inject;
import java.time.Instant;

// README: "Runtime schedules".
final class ReportSchedules {
  private final JobSchedules schedules;

  @Inject
  ReportSchedules(JobSchedules schedules) {
    this.schedules = schedules;
  }

  void customerChose(Customer c) { // "every Monday at 09:00 my time", say
    schedules.upsert(
        "report:" + c.id(),
        Recurrence.cron(c.reportCron(), c.zone()).endingAt(c.contractEnd()),
        Jobs.SEND_REPORT,
        new SendReport(c.id()),
        JobOptions.builder().attempts(5).build());
  }

  void customerLeft(Customer c) {
    schedules.remove("report:" + c.id());
  }
}

@Job("reports")
final class ReportProcessor {
  @Process("send-report")
  void send(SendReport r, JobContext job) {
    Instant period = JobSchedules.scheduledAt(job).orElseThrow(); // the tick, on every instance
    /* build and mail the report for the period ending at `period` */
  }
}

// app config: the QueueAdapter before the CronAdapter, which binds JobSchedules
