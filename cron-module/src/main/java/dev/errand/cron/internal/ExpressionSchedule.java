package dev.errand.cron.internal;

import com.cronutils.model.time.ExecutionTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Optional;

/**
 * Ticks where a cron expression matches the wall clock of a zone.
 *
 * <p>Matching happens on local date-times (cron-utils evaluates them as if in UTC, where no clock
 * ever jumps), and this class maps each match to an instant itself, so that daylight saving time
 * follows one rule in every zone: a local time that does not exist (the skipped hour of a spring
 * forward) maps to the first instant after the gap, and several such matches collapse into that one
 * tick; a local time that exists twice (the repeated hour of a fall back) maps to its first
 * occurrence only. Expressions whose hour field is {@code *} are the exception at both transitions,
 * as in Vixie cron: they run on the clock as it is, so the skipped hour has no ticks and the
 * repeated hour has those of both passes.
 */
final class ExpressionSchedule implements Schedule {

  /** Bounds the search in {@link #next} past matches that map before {@code after}. */
  private static final int MAX_STEPS = 100_000;

  private final ExecutionTime wallClock;
  private final ZoneId zone;
  private final String text;
  private final boolean everyHour;

  ExpressionSchedule(ExecutionTime wallClock, ZoneId zone, String text, boolean everyHour) {
    this.wallClock = wallClock;
    this.zone = zone;
    this.text = text;
    this.everyHour = everyHour;
  }

  @Override
  public Optional<Instant> next(Instant after) {
    Optional<Instant> firstPass = nextOnFirstPass(after);
    if (!everyHour) {
      return firstPass;
    }
    Optional<Instant> secondPass = nextOnSecondPass(after);
    if (secondPass.isPresent()
        && (firstPass.isEmpty() || secondPass.get().isBefore(firstPass.get()))) {
      return secondPass;
    }
    return firstPass;
  }

  private Optional<Instant> nextOnFirstPass(Instant after) {
    Instant from = after.truncatedTo(ChronoUnit.SECONDS);
    // After a fall back the local time of `after` may be in the repeated hour's second pass,
    // whose matches map to the first pass, so skip every match that lands at or before `after`.
    LocalDateTime cursor = LocalDateTime.ofInstant(from, zone);
    for (int i = 0; i < MAX_STEPS; i++) {
      Optional<LocalDateTime> match = nextMatch(cursor);
      if (match.isEmpty()) {
        return Optional.empty();
      }
      Instant tick = toInstant(match.get());
      if (tick.isAfter(after) && !skippedAsHourly(match.get())) {
        return Optional.of(tick);
      }
      cursor = match.get();
    }
    return Optional.empty();
  }

  /**
   * The first match after {@code after} within the second pass of a repeated hour that ends after
   * {@code after}, mapped with the later offset.
   */
  private Optional<Instant> nextOnSecondPass(Instant after) {
    ZoneRules rules = zone.getRules();
    for (ZoneOffsetTransition transition :
        new ZoneOffsetTransition[] {
          rules.previousTransition(after.plusNanos(1)), rules.nextTransition(after)
        }) {
      if (transition == null || !transition.isOverlap()) {
        continue;
      }
      Instant passStart = transition.getInstant();
      Instant passEnd = passStart.plus(transition.getDuration().negated());
      if (!passEnd.isAfter(after)) {
        continue;
      }
      ZoneOffset later = transition.getOffsetAfter();
      Instant cursor = after.isBefore(passStart) ? passStart.minusSeconds(1) : after;
      Optional<LocalDateTime> match =
          nextMatch(LocalDateTime.ofInstant(cursor.truncatedTo(ChronoUnit.SECONDS), later));
      if (match.isPresent() && match.get().isBefore(transition.getDateTimeBefore())) {
        Instant tick = match.get().toInstant(later);
        if (tick.isAfter(after)) {
          return Optional.of(tick);
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<Instant> previous(Instant atOrBefore) {
    LocalDateTime local =
        LocalDateTime.ofInstant(atOrBefore.truncatedTo(ChronoUnit.SECONDS), zone).plusSeconds(1);
    for (int i = 0; i < MAX_STEPS; i++) {
      Optional<ZonedDateTime> match = wallClock.lastExecution(local.atZone(ZoneOffset.UTC));
      if (match.isEmpty()) {
        return Optional.empty();
      }
      Instant tick = toInstant(match.get().toLocalDateTime());
      if (!tick.isAfter(atOrBefore) && !skippedAsHourly(match.get().toLocalDateTime())) {
        return Optional.of(tick);
      }
      local = match.get().toLocalDateTime();
    }
    return Optional.empty();
  }

  @Override
  public String describe() {
    return text;
  }

  private Optional<LocalDateTime> nextMatch(LocalDateTime after) {
    return wallClock
        .nextExecution(after.atZone(ZoneOffset.UTC))
        .map(ZonedDateTime::toLocalDateTime);
  }

  /**
   * Whether a match is dropped because the clock skips it and the hour field is {@code *}: such a
   * job runs every hour anyway, so, as in Vixie cron, it runs on the clock as it is and the hour
   * that does not exist simply has no ticks (moving them to the end of the gap would run an hourly
   * job twice within the hour).
   */
  private boolean skippedAsHourly(LocalDateTime local) {
    if (!everyHour) {
      return false;
    }
    ZoneOffsetTransition transition = zone.getRules().getTransition(local);
    return transition != null && transition.isGap();
  }

  /** Earlier offset in an overlap, shifted past the gap in a gap: see the class comment. */
  private Instant toInstant(LocalDateTime local) {
    var rules = zone.getRules();
    var transition = rules.getTransition(local);
    if (transition != null && transition.isGap()) {
      return transition.getInstant();
    }
    return ZonedDateTime.ofLocal(local, zone, null).toInstant();
  }
}
