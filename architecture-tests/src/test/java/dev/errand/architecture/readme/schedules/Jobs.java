package dev.errand.architecture.readme.schedules;

import dev.errand.queue.JobType;

/** The report job type of the README's example. */
final class Jobs {
  static final JobType<SendReport> SEND_REPORT =
      JobType.of("reports", "send-report", SendReport.class);

  private Jobs() {}
}
