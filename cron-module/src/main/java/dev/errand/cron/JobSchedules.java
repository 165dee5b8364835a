package dev.errand.cron;

import dev.errand.cron.internal.schedules.ScheduledJobIds;
import dev.errand.queue.JobContext;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Schedules made at runtime: each tick of a schedule adds one queue job, exactly once however many
 * instances run, with the job id {@code schedule:<id>@<tick in epoch ms>}. Schedules are stored
 * beside the queue's jobs (in memory with the memory queue, in Redis with the Redis queue), so they
 * survive restarts and every instance shares them. Bound by {@link CronAdapter} when the
 * application has a {@code QueueAdapter}.
 *
 * <pre>{@code
 * schedules.upsert(
 *     "report:" + customer.id(),
 *     Recurrence.cron(customer.reportCron(), customer.zone()),
 *     Jobs.SEND_REPORT, new SendReport(customer.id()), JobOptions.defaults());
 * }</pre>
 *
 * <p>Ids are letters, digits and {@code . _ : -}, up to 150 characters; a prefix such as {@code
 * report:} lets {@link #list} find one kind or one tenant's schedules.
 */
public interface JobSchedules {

  /**
   * Creates the schedule, or replaces its recurrence, job and payload: the next tick follows the
   * new recurrence (from now; a tick less than 0.15 s away whose job is already in the queue runs
   * as it was), the count of runs so far and the paused switch stay. Upserting the same schedule
   * from many instances at once leaves one schedule and no duplicate tick.
   *
   * @param options stored with the schedule: priority, attempts, timeout, group and metadata; a job
   *     id, delay, run time, backoff, retention or deduplication is refused (set those as the
   *     queue's defaults)
   * @throws IllegalArgumentException naming the schedule and what is allowed
   */
  ScheduleInfo upsert(
      String id, Recurrence when, String queue, String name, Object payload, JobOptions options);

  /** {@link #upsert(String, Recurrence, String, String, Object, JobOptions)} for a job type. */
  default <T> ScheduleInfo upsert(
      String id, Recurrence when, JobType<T> type, T payload, JobOptions options) {
    return upsert(id, when, type.queue(), type.name(), payload, options);
  }

  /**
   * Removes the schedule; no tick of it is enqueued from now on. A tick less than a moment (0.15 s)
   * away has its job in the queue already, held until the tick, and still runs. False if there was
   * none.
   */
  boolean remove(String id);

  Optional<ScheduleInfo> get(String id);

  /**
   * Schedules whose id starts with {@code prefix} ("" for all), ordered by id, after the id {@code
   * after} (null for the first page), at most {@code limit} (1 to 1000).
   */
  SchedulePage list(String prefix, String after, int limit);

  /**
   * Stops the schedule's ticks until {@link #resume} (but for a tick less than a moment away, as
   * {@link #remove} says); false if there is no such schedule.
   */
  boolean pause(String id);

  /** Lets the schedule tick again, from its next tick after now. */
  boolean resume(String id);

  /**
   * Adds the schedule's job now, outside its recurrence (paused or not; it does not count against
   * the limit).
   *
   * @return the job's id
   * @throws IllegalArgumentException when there is no such schedule
   */
  String trigger(String id);

  /** The schedule's next {@code count} ticks (1 to 1000), within its start, end and limit. */
  List<Instant> nextRuns(String id, int count);

  /**
   * The tick a job added by a schedule belongs to; empty for other jobs. The same on every
   * instance, so it suits idempotency keys and "report for the period ending at". Each such job
   * carries it in its metadata ({@code errand.scheduledAt}, beside {@code errand.schedule}, the
   * schedule's id) and in its id.
   */
  static Optional<Instant> scheduledAt(JobContext job) {
    return ScheduledJobIds.tick(job.metadata(), job.id());
  }
}
