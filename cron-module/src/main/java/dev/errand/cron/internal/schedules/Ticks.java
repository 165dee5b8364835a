package dev.errand.cron.internal.schedules;

import dev.errand.cron.Recurrence;
import dev.errand.cron.internal.Schedule;
import dev.errand.cron.internal.ScheduleParser;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The ticks of a {@link Recurrence}: those of its expression (through the same parser, so the same
 * daylight-saving rules as {@code @Cron}), interval or time, within its start, end and limit.
 */
final class Ticks {

  private final Recurrence when;
  private final Schedule schedule;

  /**
   * The latest next-tick computation. Schedules that share a recurrence fall due together and ask
   * for the tick after the same one, so a burst costs one evaluation of the expression, not one per
   * schedule.
   */
  private volatile Memo last = new Memo(Instant.MIN, Optional.empty());

  private record Memo(Instant after, Optional<Instant> next) {}

  private Ticks(Recurrence when, Schedule schedule) {
    this.when = when;
    this.schedule = schedule;
  }

  /**
   * @throws IllegalArgumentException when the expression or zone does not parse
   */
  static Ticks of(Recurrence when, ScheduleParser parser) {
    Schedule schedule =
        switch (when.kind()) {
          case CRON -> parser.parse(when.expression(), when.zone());
          case INTERVAL -> parser.parse("@every " + when.interval().toSeconds() + "s", "UTC");
          case ONCE -> new Once(when.at().truncatedTo(ChronoUnit.MILLIS));
        };
    return new Ticks(when, schedule);
  }

  Recurrence when() {
    return when;
  }

  /**
   * The first tick after {@code after} for a schedule that has enqueued {@code runs} jobs, or null
   * when its limit is reached or no tick is left before its end.
   */
  Instant nextAfter(Instant after, long runs) {
    if (!withinLimit(runs)) {
      return null;
    }
    Instant from = after;
    if (when.start() != null && when.start().isAfter(after)) {
      from = when.start().minusMillis(1);
    }
    Optional<Instant> next = next(from);
    if (next.isEmpty() || (when.end() != null && next.get().isAfter(when.end()))) {
      return null;
    }
    return next.get();
  }

  private Optional<Instant> next(Instant after) {
    Memo memo = last;
    if (memo.after().equals(after)) {
      return memo.next();
    }
    Optional<Instant> next = schedule.next(after);
    last = new Memo(after, next);
    return next;
  }

  /** Whether a schedule that has enqueued {@code runs} jobs may enqueue another. */
  boolean withinLimit(long runs) {
    return when.limit() == null || runs < when.limit();
  }

  /** The latest tick at or before {@code atOrBefore}, within the start. */
  Optional<Instant> latest(Instant atOrBefore) {
    return schedule
        .previous(atOrBefore)
        .filter(tick -> when.start() == null || !tick.isBefore(when.start()));
  }

  /** A single tick. */
  private record Once(Instant at) implements Schedule {
    @Override
    public Optional<Instant> next(Instant after) {
      return at.isAfter(after) ? Optional.of(at) : Optional.empty();
    }

    @Override
    public Optional<Instant> previous(Instant atOrBefore) {
      return at.isAfter(atOrBefore) ? Optional.empty() : Optional.of(at);
    }

    @Override
    public String describe() {
      return "once at " + at;
    }
  }
}
