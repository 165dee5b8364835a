package dev.errand.cron;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a runtime schedule ({@link JobSchedules}) ticks: a cron expression in a zone (the same
 * parser and daylight-saving rules as {@link Cron}), a fixed interval (aligned to the epoch, as
 * {@code @every} is) or one time; optionally not before {@code start}, not after {@code end}, and
 * at most {@code limit} times.
 *
 * <pre>{@code
 * Recurrence.cron("0 9 * * MON", "Europe/Berlin").endingAt(contractEnd);
 * Recurrence.every(Duration.ofMinutes(15)).limit(10);
 * Recurrence.once(Instant.parse("2027-01-01T08:00:00Z"));
 * }</pre>
 *
 * @param kind which of the three
 * @param expression the cron expression, for {@link Kind#CRON}
 * @param zone the zone the expression follows, for {@link Kind#CRON}
 * @param interval the interval, for {@link Kind#INTERVAL}
 * @param at the time, for {@link Kind#ONCE}
 * @param start no tick before this, or null
 * @param end no tick after this, or null
 * @param limit at most this many ticks are enqueued in the schedule's life, or null
 * @param misfire what happens to ticks missed while no instance ticked
 */
public record Recurrence(
    Kind kind,
    String expression,
    String zone,
    Duration interval,
    Instant at,
    Instant start,
    Instant end,
    Long limit,
    Misfire misfire) {

  /** The three kinds of recurrence. */
  public enum Kind {
    CRON,
    INTERVAL,
    ONCE
  }

  public Recurrence {
    Objects.requireNonNull(kind, "kind");
    misfire = misfire == null ? Misfire.SKIP : misfire;
    switch (kind) {
      case CRON -> {
        if (expression == null || expression.isBlank()) {
          throw new IllegalArgumentException("a cron recurrence needs an expression");
        }
        zone = zone == null || zone.isBlank() ? "UTC" : zone;
      }
      case INTERVAL -> {
        if (interval == null || interval.toMillis() < 1000 || interval.toMillis() % 1000 != 0) {
          throw new IllegalArgumentException(
              "an interval recurrence needs a whole number of seconds, at least 1s; got "
                  + interval);
        }
      }
      case ONCE -> Objects.requireNonNull(at, "a one-time recurrence needs its time");
    }
    if (limit != null && limit < 1) {
      throw new IllegalArgumentException("a recurrence's limit must be at least 1, got " + limit);
    }
    if (start != null && end != null && end.isBefore(start)) {
      throw new IllegalArgumentException(
          "a recurrence's end (" + end + ") is before its start (" + start + ")");
    }
  }

  /** Ticks where {@code expression} matches UTC's wall clock. */
  public static Recurrence cron(String expression) {
    return cron(expression, "UTC");
  }

  /** Ticks where {@code expression} matches the wall clock of {@code zone}. */
  public static Recurrence cron(String expression, String zone) {
    return new Recurrence(Kind.CRON, expression, zone, null, null, null, null, null, null);
  }

  /** A tick every {@code interval} (whole seconds), at multiples of it since the epoch. */
  public static Recurrence every(Duration interval) {
    return new Recurrence(Kind.INTERVAL, null, null, interval, null, null, null, null, null);
  }

  /** One tick, at {@code at}. */
  public static Recurrence once(Instant at) {
    return new Recurrence(Kind.ONCE, null, null, null, at, null, null, null, null);
  }

  /** No tick before {@code value}. */
  public Recurrence startingAt(Instant value) {
    return new Recurrence(kind, expression, zone, interval, at, value, end, limit, misfire);
  }

  /** No tick after {@code value}. */
  public Recurrence endingAt(Instant value) {
    return new Recurrence(kind, expression, zone, interval, at, start, value, limit, misfire);
  }

  /** At most {@code value} ticks enqueued, counted over the schedule's life. */
  public Recurrence limit(long value) {
    return new Recurrence(kind, expression, zone, interval, at, start, end, value, misfire);
  }

  /** What to do with ticks missed while no instance ticked; {@link Misfire#SKIP} by default. */
  public Recurrence misfire(Misfire value) {
    return new Recurrence(kind, expression, zone, interval, at, start, end, limit, value);
  }

  /** The recurrence in a few words, for status and logs. */
  public String describe() {
    return switch (kind) {
      case CRON -> expression + " (" + zone + ")";
      case INTERVAL -> "every " + interval.toSeconds() + "s";
      case ONCE -> "once at " + at;
    };
  }
}
