package dev.errand.cron.internal.schedules;

import dev.errand.cron.Misfire;
import dev.errand.cron.internal.ScheduleParser;
import dev.errand.cron.spi.DueTick;
import dev.errand.cron.spi.ScheduleClaim;
import dev.errand.cron.spi.ScheduleStore;
import dev.errand.cron.spi.StoredSchedule;
import dev.errand.queue.NewJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works out, for due ticks, the claim of each (the schedule's following tick, or the latest missed
 * one on a misfire) and the job it adds. Reading and planning are all a round needs before its
 * claims, so the ticker can do them before the ticks come.
 */
final class TickPlanner {

  private static final Logger log = LoggerFactory.getLogger(TickPlanner.class);

  /** Claims and, at the same index, the job each adds when it wins (null for a skipped tick). */
  record Plan(List<ScheduleClaim> claims, List<NewJob> jobs) {}

  private final ScheduleStore store;
  private final TicksCache ticksCache;

  TickPlanner(ScheduleStore store, ScheduleParser parser) {
    this.store = store;
    this.ticksCache = new TicksCache(parser);
  }

  /** Reads the schedules of {@code due} and plans their ticks as of {@code now}. */
  Plan plan(List<DueTick> due, Instant now) {
    Map<String, StoredSchedule> schedules =
        store.getAll(due.stream().map(DueTick::id).toList()).stream()
            .collect(Collectors.toMap(StoredSchedule::id, Function.identity()));
    List<ScheduleClaim> claims = new ArrayList<>();
    List<NewJob> jobs = new ArrayList<>();
    for (DueTick tick : due) {
      StoredSchedule schedule = schedules.get(tick.id());
      if (schedule != null) {
        plan(tick, schedule, now, claims, jobs);
      }
    }
    return new Plan(claims, jobs);
  }

  private void plan(
      DueTick tick,
      StoredSchedule schedule,
      Instant now,
      List<ScheduleClaim> claims,
      List<NewJob> jobs) {
    Definition definition;
    Ticks ticks;
    try {
      definition = Definition.read(schedule.id(), schedule.definition());
      ticks = ticksCache.of(definition.when());
    } catch (RuntimeException e) {
      // Left in the index it would come up again every round; stop it, loudly.
      log.error("Schedule {} is stopped: {}", schedule.id(), e.getMessage());
      claims.add(new ScheduleClaim(schedule.id(), tick.tick(), null, null));
      jobs.add(null);
      return;
    }
    Instant enqueued = tick.tick();
    Instant from = tick.tick();
    Instant following = ticks.nextAfter(tick.tick(), 0);
    if (following != null && !following.isAfter(now)) {
      // More than this tick passed while no instance ticked: a misfire.
      from = now;
      enqueued =
          definition.when().misfire() == Misfire.RUN_LATEST
              ? ticks.latest(now).orElse(tick.tick())
              : null;
      log.info(
          "Schedule {} missed its ticks from {} to {}; {}",
          schedule.id(),
          tick.tick(),
          now,
          enqueued == null ? "skipping them" : "enqueuing the latest, " + enqueued + ", once");
    }
    long runs = schedule.runs() + (enqueued == null ? 0 : 1);
    // On time, the tick after this one is `following` (unless the limit is now reached): computing
    // it once halves the expression work of a round.
    Instant next =
        from.equals(tick.tick()) && ticks.withinLimit(runs)
            ? following
            : ticks.nextAfter(from, runs);
    claims.add(new ScheduleClaim(schedule.id(), tick.tick(), next, enqueued));
    jobs.add(enqueued == null ? null : definition.job(schedule.id(), enqueued));
  }
}
