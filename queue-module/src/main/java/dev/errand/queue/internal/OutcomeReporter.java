package dev.errand.queue.internal;

import dev.errand.queue.JobEvent;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.OutcomeEvents;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a worker does once the backend has answered for its runs: counts each recorded outcome in
 * the metrics and the prefetch's run-time average, tells the local listeners, and warns about an
 * outcome refused because another worker holds the job now. Called on the acknowledger's thread,
 * which owns the {@link Prefetch}.
 */
final class OutcomeReporter {

  private static final Logger log = LoggerFactory.getLogger(OutcomeReporter.class);

  private final String queue;
  private final QueueMetricsRecorder metrics;
  private final Prefetch prefetch;
  private final Consumer<JobEvent> publish;
  private final OutcomeLog outcomeLog;

  OutcomeReporter(WorkerContext context, Prefetch prefetch) {
    this.queue = context.queue();
    this.metrics = context.metrics();
    this.prefetch = prefetch;
    this.publish = context.events()::local;
    this.outcomeLog = context.config().outcomeLog();
  }

  /** The backend recorded {@code ack} for {@code run} (null when the run was already dropped). */
  void recorded(Ack ack, RunningJob run) {
    if (run == null) {
      return;
    }
    if (!(ack instanceof Ack.Snooze)) {
      // A snooze is neither a success nor a failure of the job.
      metrics.finished(ack instanceof Ack.Complete, run.runNanos());
    }
    prefetch.ran(run.runNanos());
    OutcomeEvents.emit(queue, run.job.name(), run.job.attempt(), ack, publish);
    logFailure(ack, run);
  }

  /**
   * A failure is never silent: a retry is a WARN, a job that failed for good an ERROR, each with
   * the queue, job, attempt and cause, unless JOBS_OUTCOME_LOG turned the queue's log down.
   */
  private void logFailure(Ack ack, RunningJob run) {
    if (ack instanceof Ack.Complete) {
      // The common case, with nothing to say: no line, and no text built for one.
      return;
    }
    String job = "Job '" + run.job.name() + "' " + run.id() + " of queue '" + queue + "'";
    String attempt = "attempt " + run.job.attempt() + " of " + Math.max(1, run.maxAttempts);
    switch (ack) {
      case Ack.Snooze snooze ->
          log.info(
              "{} snoozed at {}; it runs again at {}, the run not counted",
              job,
              attempt,
              snooze.runAt());
      case Ack.Retry retry when outcomeLog.retries() ->
          log.warn(
              "{} failed {}; it runs again at {}: {}: {}",
              job,
              attempt,
              retry.runAt(),
              retry.failure().exceptionClass(),
              retry.failure().message());
      case Ack.Fail fail when "Cancelled".equals(fail.failure().exceptionClass()) -> {
        // Somebody asked for it: worth a line, not an alarm.
        if (outcomeLog.retries()) {
          log.warn("{} was cancelled at {}", job, attempt);
        }
      }
      case Ack.Fail fail when outcomeLog.deaths() ->
          log.error(
              "{} failed for good at {}{}: {}: {}",
              job,
              attempt,
              fail.dead() ? " and is dead (retry it from the dead-letter list)" : "",
              fail.failure().exceptionClass(),
              fail.failure().message());
      default -> {}
    }
  }

  /** The backend refused the outcome of job {@code id}: this worker had lost its lease. */
  void refused(String id) {
    log.warn(
        "Job {} of queue '{}' finished here, but this worker no longer holds its lease (it ran"
            + " past the lease or the worker was cut off from the backend), so the outcome was"
            + " refused; the job's current owner decides it",
        id,
        queue);
  }

  /** What a backend call noticed on its way, such as stalled jobs. */
  void noticed(List<JobEvent> events) {
    events.forEach(publish);
  }
}
