package dev.errand.cron.spi;

import java.time.Instant;

/** A schedule whose next tick has come: {@link ScheduleStore#due}. */
public record DueTick(String id, Instant tick) {}
