package dev.errand.queue.internal.outbox;

import com.google.inject.Injector;
import dev.errand.queue.OutboxMetrics;
import dev.errand.queue.internal.OptionalLibraries;
import dev.errand.queue.internal.QueueMeters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Publishes the outbox relay's figures as {@code errand.outbox.*} meters, in the same registry as
 * the queues' ({@link QueueMeters#registry}). Only loaded when {@link
 * OptionalLibraries#micrometer()} says Micrometer is on the classpath.
 */
final class OutboxMeters {

  private OutboxMeters() {}

  /**
   * Registers the relay's meters, once per process: the relay is one per process, not per queue.
   *
   * @return removes them again, for when the queue layer stops
   */
  static Runnable register(Injector injector, OutboxRecorder recorder) {
    MeterRegistry registry = QueueMeters.registry(injector);
    List<Meter> meters =
        List.of(
            FunctionCounter.builder("errand.outbox.jobs.relayed", recorder, OutboxRecorder::relayed)
                .description("Jobs this process's relay moved from the outbox table to the queue")
                .register(registry),
            FunctionCounter.builder(
                    "errand.outbox.turns.failed", recorder, OutboxRecorder::failedTurns)
                .description("Relay turns that failed: the table or the queue was not reachable")
                .register(registry),
            gauge(
                registry,
                "errand.outbox.delay.p50_ms",
                recorder,
                OutboxMetrics::delayP50Millis,
                "Median time from the add in a transaction to the queue, last minute"),
            gauge(
                registry,
                "errand.outbox.delay.p99_ms",
                recorder,
                OutboxMetrics::delayP99Millis,
                "99th percentile of the same, last minute"),
            gauge(
                registry,
                "errand.outbox.delay.max_ms",
                recorder,
                OutboxMetrics::delayMaxMillis,
                "Longest of the same, last minute"),
            gauge(
                registry,
                "errand.outbox.backlog.rows",
                recorder,
                m -> m.waiting() < 0 ? Double.NaN : m.waiting(),
                "Rows waiting in the outbox table, counted by the relay every 5 seconds"),
            gauge(
                registry,
                "errand.outbox.backlog.oldest_ms",
                recorder,
                OutboxMetrics::oldestWaitingMillis,
                "How long the oldest waiting row had waited at that count"));
    return () -> meters.forEach(registry::remove);
  }

  private static Meter gauge(
      MeterRegistry registry,
      String name,
      OutboxRecorder recorder,
      ToDoubleFunction<OutboxMetrics> value,
      String description) {
    return Gauge.builder(name, recorder, r -> value.applyAsDouble(r.snapshot()))
        .description(description)
        .register(registry);
  }
}
