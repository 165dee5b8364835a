package dev.errand.cron;

/**
 * The work of a cron job registered at runtime through {@link CronService#register}: what a {@link
 * Cron} method's body is to an annotated job.
 */
@FunctionalInterface
public interface CronTask {

  /**
   * Does one run. A thrown exception records the run as {@link RunStatus#FAILURE} with its message
   * and is logged; the next tick runs as usual.
   */
  void run(CronContext context) throws Exception;
}
