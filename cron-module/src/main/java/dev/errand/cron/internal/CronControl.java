package dev.errand.cron.internal;

import dev.errand.core.Settings;
import dev.errand.cron.CronJobStatus;
import dev.errand.cron.CronRun;
import dev.errand.cron.CronService;
import dev.errand.cron.CronTask;
import dev.errand.cron.CronTotals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The {@link CronService} over a running {@link CronScheduler}: status, history and actions. */
public final class CronControl implements CronService {

  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");

  private final CronScheduler scheduler;
  private final ScheduleParser parser;

  /** The ids of the jobs registered at runtime, as opposed to {@code @Cron} methods. */
  private final Set<String> registered = ConcurrentHashMap.newKeySet();

  public CronControl(CronScheduler scheduler) {
    this(scheduler, new ScheduleParser(Settings.of(Map.of())));
  }

  /** With the parser that resolves setting references in the schedules of registered jobs. */
  public CronControl(CronScheduler scheduler, ScheduleParser parser) {
    this.scheduler = scheduler;
    this.parser = parser;
  }

  @Override
  public synchronized void register(
      String id, String schedule, String zone, String description, CronTask task) {
    Objects.requireNonNull(task, "task");
    if (id == null || !JOB_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "Cannot register cron job '"
              + id
              + "': an id is a letter or digit, then letters, digits, '.', '_', ':' or '-',"
              + " up to 200 characters");
    }
    if (scheduler.jobsById().containsKey(id) && !registered.contains(id)) {
      throw new IllegalArgumentException(
          "Cannot register cron job '" + id + "': a @Cron method has that id");
    }
    Schedule parsed;
    String zoneId;
    try {
      parsed = parser.parse(schedule, zone);
      zoneId = parser.resolve(zone);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Cannot register cron job '" + id + "': " + e.getMessage(), e);
    }
    String text = description == null || description.isBlank() ? id : description;
    scheduler.add(
        new CronJob(id, "CronService.register", text, parsed, zoneId, false, true, task::run));
    registered.add(id);
  }

  @Override
  public synchronized boolean unregister(String id) {
    if (!registered.remove(id)) {
      if (scheduler.jobsById().containsKey(id)) {
        throw new IllegalArgumentException(
            "Cannot unregister cron job '"
                + id
                + "': it is a @Cron method; disable(id) stops its ticks instead");
      }
      return false;
    }
    return scheduler.remove(id);
  }

  @Override
  public List<CronJobStatus> jobs() {
    List<CronJobStatus> result = new ArrayList<>();
    for (CronJob job : scheduler.jobsById().values()) {
      result.add(status(job));
    }
    return result;
  }

  @Override
  public CronJobStatus job(String id) {
    return status(require(id));
  }

  @Override
  public CronTotals totals() {
    return scheduler.totals();
  }

  @Override
  public CompletableFuture<CronRun> trigger(String id) {
    return scheduler.triggerNow(require(id));
  }

  @Override
  public void enable(String id) {
    scheduler.store().setPaused(require(id).id(), false);
  }

  @Override
  public void disable(String id) {
    scheduler.store().setPaused(require(id).id(), true);
  }

  @Override
  public List<CronRun> history(String id, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("history limit must be at least 1, got " + limit);
    }
    return scheduler.store().history(require(id).id(), limit);
  }

  private CronJobStatus status(CronJob job) {
    boolean enabled = job.enabledBySetting() && !scheduler.store().isPaused(job.id());
    Instant next = enabled ? job.schedule().next(scheduler.clock().instant()).orElse(null) : null;
    List<CronRun> last = scheduler.store().history(job.id(), 1);
    CronRun run = last.isEmpty() ? null : last.getFirst();
    return new CronJobStatus(
        job.id(),
        job.description(),
        job.schedule().describe(),
        job.zone(),
        enabled,
        scheduler.isScheduling() && job.enabledBySetting(),
        next,
        run == null ? null : run.scheduledAt(),
        run == null ? null : run.duration().orElse(null),
        run == null ? null : run.status(),
        run == null ? null : run.error());
  }

  private CronJob require(String id) {
    CronJob job = scheduler.jobsById().get(id);
    if (job == null) {
      throw new IllegalArgumentException(
          "No cron job with id '"
              + id
              + "'; known jobs: "
              + String.join(", ", scheduler.jobsById().keySet()));
    }
    return job;
  }
}
