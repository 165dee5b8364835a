package dev.errand.cron.internal.schedules;

import dev.errand.cron.JobSchedules;
import dev.errand.cron.Recurrence;
import dev.errand.cron.ScheduleInfo;
import dev.errand.cron.SchedulePage;
import dev.errand.cron.internal.ScheduleParser;
import dev.errand.cron.spi.ScheduleStore;
import dev.errand.cron.spi.StoredSchedule;
import dev.errand.queue.JobOptions;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueService;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@link JobSchedules} over a {@link ScheduleStore}: checks, computes next ticks, stores. */
public final class ScheduleService implements JobSchedules {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,149}");
  private static final int MAX_PAGE = 1000;

  private final ScheduleStore store;
  private final QueueService queue;
  private final ScheduleParser parser;
  private final Clock clock;
  private final ScheduleTicker ticker;

  public ScheduleService(
      ScheduleStore store,
      QueueService queue,
      ScheduleParser parser,
      Clock clock,
      ScheduleTicker ticker) {
    this.store = store;
    this.queue = queue;
    this.parser = parser;
    this.clock = clock;
    this.ticker = ticker;
  }

  @Override
  public ScheduleInfo upsert(
      String id,
      Recurrence when,
      String queueName,
      String name,
      Object payload,
      JobOptions options) {
    checkId(id);
    Objects.requireNonNull(when, "when");
    try {
      // Checks the queue and job name as an add would.
      NewJob.of(queueName, name, null);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("Schedule '" + id + "': " + e.getMessage(), e);
    }
    Ticks ticks = ticks(id, when);
    Definition definition =
        Definition.of(
            id, when, queueName, name, payload, options == null ? JobOptions.defaults() : options);
    long runs = store.get(id).map(StoredSchedule::runs).orElse(0L);
    Instant now = now();
    store.upsert(id, definition.write(), ticks.nextAfter(now, runs), now);
    ticker.wake();
    return require(id);
  }

  @Override
  public boolean remove(String id) {
    return store.remove(id, now());
  }

  @Override
  public Optional<ScheduleInfo> get(String id) {
    return store.get(id).map(ScheduleService::info);
  }

  @Override
  public SchedulePage list(String prefix, String after, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException(
          "A page of schedules holds 1 to " + MAX_PAGE + " schedules, got " + limit);
    }
    List<StoredSchedule> found = store.list(prefix == null ? "" : prefix, after, limit + 1);
    List<ScheduleInfo> page = new ArrayList<>();
    for (StoredSchedule schedule : found.subList(0, Math.min(limit, found.size()))) {
      page.add(info(schedule));
    }
    String nextAfter = found.size() > limit ? page.getLast().id() : null;
    return new SchedulePage(page, nextAfter);
  }

  @Override
  public boolean pause(String id) {
    return store.pause(id, now());
  }

  @Override
  public boolean resume(String id) {
    Optional<StoredSchedule> schedule = store.get(id);
    if (schedule.isEmpty()) {
      return false;
    }
    Definition definition = Definition.read(id, schedule.get().definition());
    Instant next = ticks(id, definition.when()).nextAfter(now(), schedule.get().runs());
    boolean resumed = store.resume(id, next);
    ticker.wake();
    return resumed;
  }

  @Override
  public String trigger(String id) {
    StoredSchedule schedule =
        store
            .get(id)
            .orElseThrow(() -> new IllegalArgumentException("No schedule with id '" + id + "'"));
    Definition definition = Definition.read(id, schedule.definition());
    return queue.add(
        definition.queue(), definition.name(), definition.payload(), definition.options(id, now()));
  }

  @Override
  public List<Instant> nextRuns(String id, int count) {
    if (count < 1 || count > MAX_PAGE) {
      throw new IllegalArgumentException(
          "nextRuns gives 1 to " + MAX_PAGE + " ticks, got " + count);
    }
    ScheduleInfo info = require(id);
    Ticks ticks = ticks(id, info.when());
    List<Instant> next = new ArrayList<>();
    Instant cursor = now();
    long runs = info.runs();
    while (next.size() < count) {
      Instant tick = ticks.nextAfter(cursor, runs);
      if (tick == null) {
        break;
      }
      next.add(tick);
      cursor = tick;
      runs++;
    }
    return next;
  }

  private ScheduleInfo require(String id) {
    return get(id)
        .orElseThrow(() -> new IllegalArgumentException("No schedule with id '" + id + "'"));
  }

  private Ticks ticks(String id, Recurrence when) {
    try {
      return Ticks.of(when, parser);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Schedule '" + id + "': " + e.getMessage(), e);
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static void checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "Schedule id '"
              + id
              + "' is not allowed: a letter or digit, then letters, digits, '.', '_', ':' or '-',"
              + " up to 150 characters");
    }
  }

  private static ScheduleInfo info(StoredSchedule schedule) {
    Definition definition = Definition.read(schedule.id(), schedule.definition());
    return new ScheduleInfo(
        schedule.id(),
        definition.when(),
        definition.queue(),
        definition.name(),
        definition.payload().toString(),
        schedule.paused(),
        schedule.nextRun(),
        schedule.lastRun(),
        schedule.runs());
  }
}
