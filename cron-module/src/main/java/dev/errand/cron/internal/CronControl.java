package dev.errand.cron.internal;

import dev.errand.cron.CronJobStatus;
import dev.errand.cron.CronRun;
import dev.errand.cron.CronService;
import dev.errand.cron.CronTotals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The {@link CronService} over a running {@link CronScheduler}: status, history and actions. */
public final class CronControl implements CronService {

  private final CronScheduler scheduler;

  public CronControl(CronScheduler scheduler) {
    this.scheduler = scheduler;
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
