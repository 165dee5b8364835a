package dev.errand.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's {@code errand.queue.*} meters: each consumed queue's figures, as {@code
 * admin.metrics} gives them, in the {@code MeterRegistry} the application binds, tagged with the
 * queue, and gone once the application stops.
 */
class QueueMetersTest {

  private static final List<String> GAUGES =
      List.of(
          "errand.queue.jobs.in_flight",
          "errand.queue.jobs.throughput",
          "errand.queue.run.mean_ms",
          "errand.queue.run.p50_ms",
          "errand.queue.run.p95_ms",
          "errand.queue.run.p99_ms");

  private static final List<String> COUNTERS =
      List.of("errand.queue.jobs.completed", "errand.queue.jobs.failed");

  @Job("metered")
  static final class Work {
    @Process("ok")
    void ok(Map<String, Object> payload) throws InterruptedException {
      Thread.sleep(5);
    }

    @Process("boom")
    void boom(Map<String, Object> payload) {
      throw new IllegalStateException("boom");
    }
  }

  @Test
  void shouldPublishEachQueuesFiguresAsMetersAndRemoveThemAtStop() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Settings settings = Settings.of(Map.of());
    ErrandApp app =
        ErrandApp.builder()
            .settings(settings)
            .modules(binder -> binder.bind(MeterRegistry.class).toInstance(registry))
            .adapters(new QueueAdapter(QueueSettings.from(settings)).withClasses(Work.class))
            .shutdownHook(false)
            .start();
    try {
      QueueService queue = app.get(QueueService.class);
      queue.add("metered", "ok", Map.of(), JobOptions.defaults());
      queue.add("metered", "ok", Map.of(), JobOptions.defaults());
      queue.add("metered", "boom", Map.of(), JobOptions.builder().attempts(1).build());

      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  counter(registry, "errand.queue.jobs.completed") == 2
                      && counter(registry, "errand.queue.jobs.failed") == 1
                      && gauge(registry, "errand.queue.jobs.in_flight") == 0);

      QueueMetrics metrics = app.get(QueueAdmin.class).metrics("metered");
      assertThat(metrics.completed()).isEqualTo(2);
      assertThat(gauge(registry, "errand.queue.jobs.throughput"))
          .isEqualTo(metrics.perSecondLastMinute())
          .isPositive();
      assertThat(gauge(registry, "errand.queue.run.p50_ms")).isEqualTo(metrics.p50Millis());
      assertThat(gauge(registry, "errand.queue.run.p99_ms"))
          .as("the slowest of three runs, one of them at least 5 ms")
          .isGreaterThanOrEqualTo(5);
      assertThat(gauge(registry, "errand.queue.run.mean_ms")).isPositive();
      assertThat(gauge(registry, "errand.queue.run.p95_ms"))
          .isGreaterThanOrEqualTo(gauge(registry, "errand.queue.run.p50_ms"));
    } finally {
      app.stop();
    }

    for (String name : Stream.concat(COUNTERS.stream(), GAUGES.stream()).toList()) {
      assertThat(registry.find(name).meters()).as(name + " after stop").isEmpty();
    }
  }

  private static double counter(MeterRegistry registry, String name) {
    FunctionCounter counter = registry.find(name).tag("queue", "metered").functionCounter();
    return counter == null ? -1 : counter.count();
  }

  private static double gauge(MeterRegistry registry, String name) {
    Gauge gauge = registry.find(name).tag("queue", "metered").gauge();
    assertThat(gauge).as(name).isNotNull();
    return gauge.value();
  }
}
