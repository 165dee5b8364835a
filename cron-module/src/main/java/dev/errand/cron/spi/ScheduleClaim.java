package dev.errand.cron.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A request to claim one due tick of a schedule: {@link ScheduleStore#claim}.
 *
 * @param id the schedule
 * @param tick the due tick, as {@link ScheduleStore#due} gave it
 * @param next the schedule's tick after this one, or null when none is left
 * @param enqueued the tick whose job is enqueued (the tick itself, or the latest missed one), or
 *     null when the tick is skipped
 */
public record ScheduleClaim(String id, Instant tick, Instant next, Instant enqueued) {

  public ScheduleClaim {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tick, "tick");
  }
}
