package dev.errand.queue.internal;

import com.google.inject.Injector;
import com.google.inject.Key;
import dev.errand.queue.QueueMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Publishes each queue's figures as Micrometer meters: to the {@code MeterRegistry} bound in Guice,
 * or to Micrometer's global registry. Only loaded when {@link OptionalLibraries#micrometer()} says
 * Micrometer is on the classpath.
 */
public final class QueueMeters {

  private QueueMeters() {}

  /**
   * Registers the meters of one queue.
   *
   * @return removes them again, for when the worker stops
   */
  public static Runnable register(Injector injector, QueueMetricsRecorder recorder, String queue) {
    MeterRegistry registry = registry(injector);
    List<Meter> meters = new ArrayList<>();
    meters.add(
        FunctionCounter.builder(
                "errand.queue.jobs.completed", recorder, r -> r.snapshot().completed())
            .tag("queue", queue)
            .description("Runs that succeeded in this process")
            .register(registry));
    meters.add(
        FunctionCounter.builder("errand.queue.jobs.failed", recorder, r -> r.snapshot().failed())
            .tag("queue", queue)
            .description("Runs that failed in this process, retried ones included")
            .register(registry));
    meters.add(
        gauge(registry, queue, "errand.queue.jobs.in_flight", recorder, QueueMetrics::inFlight));
    meters.add(
        gauge(
            registry,
            queue,
            "errand.queue.jobs.throughput",
            recorder,
            QueueMetrics::perSecondLastMinute));
    meters.add(
        gauge(registry, queue, "errand.queue.run.mean_ms", recorder, QueueMetrics::meanMillis));
    meters.add(
        gauge(registry, queue, "errand.queue.run.p50_ms", recorder, QueueMetrics::p50Millis));
    meters.add(
        gauge(registry, queue, "errand.queue.run.p95_ms", recorder, QueueMetrics::p95Millis));
    meters.add(
        gauge(registry, queue, "errand.queue.run.p99_ms", recorder, QueueMetrics::p99Millis));
    return () -> meters.forEach(registry::remove);
  }

  /** The {@code MeterRegistry} bound in Guice, or else Micrometer's global one. */
  public static MeterRegistry registry(Injector injector) {
    var binding = injector.getExistingBinding(Key.get(MeterRegistry.class));
    return binding != null ? binding.getProvider().get() : Metrics.globalRegistry;
  }

  private static Meter gauge(
      MeterRegistry registry,
      String queue,
      String name,
      QueueMetricsRecorder recorder,
      ToDoubleFunction<QueueMetrics> value) {
    return Gauge.builder(name, recorder, r -> value.applyAsDouble(r.snapshot()))
        .tag("queue", queue)
        .register(registry);
  }
}
