package dev.errand.queue.internal;

import dev.errand.queue.JobEvent;
import dev.errand.queue.spi.Ack;
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

  OutcomeReporter(WorkerContext context, Prefetch prefetch) {
    this.queue = context.queue();
    this.metrics = context.metrics();
    this.prefetch = prefetch;
    this.publish = context.events()::local;
  }

  /** The backend recorded {@code ack} for {@code run} (null when the run was already dropped). */
  void recorded(Ack ack, RunningJob run) {
    if (run == null) {
      return;
    }
    metrics.finished(ack instanceof Ack.Complete, run.runNanos());
    prefetch.ran(run.runNanos());
    OutcomeEvents.emit(queue, run.job.name(), run.job.attempt(), ack, publish);
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
