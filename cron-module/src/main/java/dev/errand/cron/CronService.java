package dev.errand.cron;

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
}
