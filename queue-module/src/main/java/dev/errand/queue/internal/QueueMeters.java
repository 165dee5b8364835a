package dev.errand.queue.internal;

import com.google.inject.Injector;
import com.google.inject.Key;
import dev.errand.queue.QueueMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.function.ToDoubleFunction;

/**
 * Publishes each queue's figures as Micrometer meters: to the {@code MeterRegistry} bound in Guice,
 * or to Micrometer's global registry. Only loaded when Micrometer is on the classpath.
 */
public final class QueueMeters {

  private static final String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";

  private QueueMeters() {}

  /** Whether Micrometer is on the classpath. */
  public static boolean available() {
    try {
      Class.forName(MICROMETER, false, QueueMeters.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** Registers the meters of one queue. */
  public static void register(Injector injector, QueueMetricsRecorder recorder, String queue) {
    var binding = injector.getExistingBinding(Key.get(MeterRegistry.class));
    MeterRegistry registry = binding != null ? binding.getProvider().get() : Metrics.globalRegistry;
    FunctionCounter.builder("errand.queue.jobs.completed", recorder, r -> r.snapshot().completed())
        .tag("queue", queue)
        .description("Runs that succeeded in this process")
        .register(registry);
    FunctionCounter.builder("errand.queue.jobs.failed", recorder, r -> r.snapshot().failed())
        .tag("queue", queue)
        .description("Runs that failed in this process, retried ones included")
        .register(registry);
    gauge(registry, queue, "errand.queue.jobs.in_flight", recorder, QueueMetrics::inFlight);
    gauge(
        registry,
        queue,
        "errand.queue.jobs.throughput",
        recorder,
        QueueMetrics::perSecondLastMinute);
    gauge(registry, queue, "errand.queue.run.mean_ms", recorder, QueueMetrics::meanMillis);
    gauge(registry, queue, "errand.queue.run.p50_ms", recorder, QueueMetrics::p50Millis);
    gauge(registry, queue, "errand.queue.run.p95_ms", recorder, QueueMetrics::p95Millis);
    gauge(registry, queue, "errand.queue.run.p99_ms", recorder, QueueMetrics::p99Millis);
  }

  private static void gauge(
      MeterRegistry registry,
      String queue,
      String name,
      QueueMetricsRecorder recorder,
      ToDoubleFunction<QueueMetrics> value) {
    Gauge.builder(name, recorder, r -> value.applyAsDouble(r.snapshot()))
        .tag("queue", queue)
        .register(registry);
  }
}
