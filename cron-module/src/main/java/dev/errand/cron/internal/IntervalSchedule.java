package dev.errand.cron.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Ticks every fixed interval, aligned to the epoch: every instance computes the same ticks without
 * talking to the others, which the once-per-tick lock relies on.
 */
final class IntervalSchedule implements Schedule {

  private final Duration interval;
  private final String text;

  IntervalSchedule(Duration interval, String text) {
    if (interval.toMillis() < 1000 || interval.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("an interval must be a whole number of seconds >= 1");
    }
    this.interval = interval;
    this.text = text;
  }

  @Override
  public Optional<Instant> next(Instant after) {
    long step = interval.toMillis();
    long ticks = Math.floorDiv(after.toEpochMilli(), step) + 1;
    return Optional.of(Instant.ofEpochMilli(ticks * step));
  }

  @Override
  public Optional<Instant> previous(Instant atOrBefore) {
    long step = interval.toMillis();
    return Optional.of(Instant.ofEpochMilli(Math.floorDiv(atOrBefore.toEpochMilli(), step) * step));
  }

  @Override
  public String describe() {
    return text;
  }
}
