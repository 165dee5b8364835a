package dev.errand.cron.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A claimed tick whose job is not known to be added yet: {@link ScheduleStore#claimAll(List,
 * Instant)} keeps one per claimed tick that enqueues, {@link ScheduleStore#settle} drops it once
 * the job is added, and {@link ScheduleStore#takeOver} hands it to another caller when its lease
 * ran out first (the claiming instance died or could not add).
 *
 * @param id the schedule
 * @param tick the tick whose job is to be added (the claim's {@link ScheduleClaim#enqueued})
 * @param definition the schedule's definition when the tick was claimed; {@link
 *     ScheduleStore#settle} reads only the id and the tick
 */
public record PendingTick(String id, Instant tick, String definition) {

  public PendingTick {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tick, "tick");
  }
}
