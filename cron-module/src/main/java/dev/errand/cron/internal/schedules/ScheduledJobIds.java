package dev.errand.cron.internal.schedules;

import java.time.Instant;
import java.util.Optional;

/** The job ids of schedule ticks: {@code schedule:<schedule id>@<tick in epoch milliseconds>}. */
public final class ScheduledJobIds {

  public static final String PREFIX = "schedule:";

  private ScheduledJobIds() {}

  public static String of(String scheduleId, Instant tick) {
    return PREFIX + scheduleId + "@" + tick.toEpochMilli();
  }

  public static Optional<Instant> tick(String jobId) {
    int at = jobId == null ? -1 : jobId.lastIndexOf('@');
    if (at < 0 || !jobId.startsWith(PREFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.ofEpochMilli(Long.parseLong(jobId.substring(at + 1))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
