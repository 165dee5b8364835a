package dev.errand.cron.internal;

import dev.errand.cron.JobSchedules;
import dev.errand.cron.Recurrence;
import dev.errand.cron.ScheduleInfo;
import dev.errand.cron.SchedulePage;
import dev.errand.queue.JobOptions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@link JobSchedules} bound in the injector, connected when the adapter starts: the schedules
 * need the queue, which exists only then, and only when the application has a QueueAdapter.
 */
public final class DeferredJobSchedules implements JobSchedules {

  private volatile JobSchedules target;

  public void connect(JobSchedules schedules) {
    this.target = schedules;
  }

  private JobSchedules target() {
    JobSchedules current = target;
    if (current == null) {
      throw new IllegalStateException(
          "JobSchedules is available once CronAdapter has started, and only in an application"
              + " with a QueueAdapter listed before the CronAdapter: each tick adds a queue job");
    }
    return current;
  }

  @Override
  public ScheduleInfo upsert(
      String id, Recurrence when, String queue, String name, Object payload, JobOptions options) {
    return target().upsert(id, when, queue, name, payload, options);
  }

  @Override
  public boolean remove(String id) {
    return target().remove(id);
  }

  @Override
  public Optional<ScheduleInfo> get(String id) {
    return target().get(id);
  }

  @Override
  public SchedulePage list(String prefix, String after, int limit) {
    return target().list(prefix, after, limit);
  }

  @Override
  public boolean pause(String id) {
    return target().pause(id);
  }

  @Override
  public boolean resume(String id) {
    return target().resume(id);
  }

  @Override
  public String trigger(String id) {
    return target().trigger(id);
  }

  @Override
  public List<Instant> nextRuns(String id, int count) {
    return target().nextRuns(id, count);
  }
}
