package dev.errand.cron.internal.schedules;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/** The job ids of schedule ticks: {@code schedule:<schedule id>@<tick in epoch milliseconds>}. */
public final class ScheduledJobIds {

  public static final String PREFIX = "schedule:";

  /** The metadata key of the schedule's id on each job a tick adds. */
  public static final String SCHEDULE_KEY = "errand.schedule";

  /** The metadata key of the tick, in ISO-8601, on each job a tick adds. */
  public static final String TICK_KEY = "errand.scheduledAt";

  private ScheduledJobIds() {}

  public static String of(String scheduleId, Instant tick) {
    return PREFIX + member(scheduleId, tick);
  }

  /** A tick as stores key it: {@code <schedule id>@<tick in epoch milliseconds>}. */
  static String member(String scheduleId, Instant tick) {
    return scheduleId + "@" + tick.toEpochMilli();
  }

  /** The tick from the job's metadata, else from its id (jobs added before metadata existed). */
  public static Optional<Instant> tick(Map<String, String> metadata, String jobId) {
    String tick = metadata.get(TICK_KEY);
    if (tick != null) {
      try {
        return Optional.of(Instant.parse(tick));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    return tick(jobId);
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
