package dev.errand.cron;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Status and control of the application's cron jobs; bound by {@link CronAdapter}.
 *
 * <p>Enabling and disabling is stored with the run history, so with the Redis or JDBC store it
 * applies to every instance. Unknown job ids fail with an {@link IllegalArgumentException} that
 * lists the known ones.
 */
public interface CronService {

  /** Every job, ordered by id. */
  List<CronJobStatus> jobs();

  /** One job's status. */
  CronJobStatus job(String id);

  /** Run counts of this process. */
  CronTotals totals();

  /**
   * Runs the job now, outside its schedule, even when disabled. The run still obeys the no-overlap
   * rule: while another run of the job is going, it completes as {@link RunStatus#SKIPPED}.
   *
   * @return completes with the recorded run once it has finished (a SKIPPED one if another run was
   *     going), or exceptionally when the store could not be reached
   */
  CompletableFuture<CronRun> trigger(String id);

  /** Lets the job's ticks run again. */
  void enable(String id);

  /** Stops the job's ticks from running (they are not recorded) until {@link #enable}. */
  void disable(String id);

  /** The job's latest runs, newest tick first. */
  List<CronRun> history(String id, int limit);

  /**
   * Registers a job at runtime, in this process, or replaces the one registered under {@code id}:
   * from its next tick on it is a cron job like a {@link Cron} method, with the same once-per-tick
   * claim, no-overlap rule, run lease, history, status, enable/disable and trigger. Other instances
   * run its ticks only if they register it too (with the Redis or JDBC store they then share its
   * ticks, history and enabled switch, as for annotated jobs).
   *
   * @param id the job's id: letters, digits, {@code . _ : -}, up to 200 characters; not the id of a
   *     {@link Cron} method
   * @param schedule as for {@link Cron#value()}: an expression, a macro, {@code @every 30s} or a
   *     setting reference
   * @param zone the zone the expression follows, such as {@code UTC} or {@code Europe/Berlin}
   * @param description what it does, for status and the dashboard
   * @throws IllegalArgumentException naming the id and what is allowed when the id, schedule or
   *     zone is not valid, or the id is an annotated job's
   */
  void register(String id, String schedule, String zone, String description, CronTask task);

  /** {@link #register(String, String, String, String, CronTask)} in UTC, described by its id. */
  default void register(String id, String schedule, CronTask task) {
    register(id, schedule, "UTC", id, task);
  }

  /**
   * Registers a job that runs every {@code interval} (whole seconds), aligned to the epoch as
   * {@code @every} is; see {@link #register(String, String, String, String, CronTask)}.
   */
  default void register(String id, Duration interval, CronTask task) {
    if (interval.isNegative() || interval.isZero() || interval.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException(
          "Cron job '"
              + id
              + "': the interval must be a positive whole number of seconds, got "
              + interval);
    }
    register(id, "@every " + interval.toSeconds() + "s", "UTC", id, task);
  }

  /**
   * Removes a job registered at runtime: it fires no more ticks here, and a run that is going
   * finishes. Its history stays in the store.
   *
   * @return false when no job was registered under {@code id}
   * @throws IllegalArgumentException when {@code id} is a {@link Cron} method's (disable it
   *     instead)
   */
  boolean unregister(String id);
}
