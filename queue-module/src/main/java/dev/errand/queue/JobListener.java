package dev.errand.queue;

/**
 * Hears what happens to jobs; override the methods you need. Listeners bound in Guice are called in
 * the process that ran the job (a stalled job: in the process that noticed the stall):
 *
 * <pre>{@code
 * Multibinder.newSetBinder(binder(), JobListener.class).addBinding().to(FailureAlerts.class);
 * }</pre>
 *
 * <p>or registered with {@link QueueAdapter#withListener}. To hear jobs that other processes run,
 * subscribe through {@link QueueEvents}. Listeners run on the worker's own threads: keep them
 * quick, and hand slow work to a queue.
 */
public interface JobListener {

  /** A run succeeded. */
  default void completed(JobEvent event) {}

  /** A job failed for good. */
  default void failed(JobEvent event) {}

  /** A run failed and the job will run again. */
  default void retrying(JobEvent event) {}

  /** A running job reported progress. */
  default void progress(JobEvent event) {}

  /** A job's lease expired while it ran. */
  default void stalled(JobEvent event) {}

  /** A job joined the dead-letter list. */
  default void dead(JobEvent event) {}

  /** A handler snoozed its job: it runs again later, the run not counted as an attempt. */
  default void snoozed(JobEvent event) {}

  /** An add was deduplicated; the event names the job standing for it. */
  default void deduplicated(JobEvent event) {}

  /** Calls the method matching {@code event}'s type. */
  default void on(JobEvent event) {
    switch (event.type()) {
      case COMPLETED -> completed(event);
      case FAILED -> failed(event);
      case RETRYING -> retrying(event);
      case PROGRESS -> progress(event);
      case STALLED -> stalled(event);
      case DEAD -> dead(event);
      case SNOOZED -> snoozed(event);
      case DEDUPLICATED -> deduplicated(event);
    }
  }
}
