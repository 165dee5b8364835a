package dev.errand.queue.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.AbstractModule;
import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.Process;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * OpenTelemetry on the classpath and bound in Guice: a span for each add and each run, linked
 * through the W3C trace context in the job's metadata, read back from the SDK's in-memory exporter.
 */
class JobTracingTest {

  private static final String QUEUE = "traced";

  /** The trace id each job's handler saw as current, by the job's payload. */
  static final Map<String, String> SEEN = new ConcurrentHashMap<>();

  record Step(String key, boolean fail) {}

  @Job(QUEUE)
  static final class TracedProcessor {
    @Process("step")
    void step(Step step, JobContext job) {
      SEEN.put(step.key(), Span.current().getSpanContext().getTraceId());
      if (step.fail()) {
        throw new IllegalStateException("step " + step.key() + " broke");
      }
    }
  }

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk openTelemetry =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                  .build())
          .build();
  private ErrandApp app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.stop();
    }
    openTelemetry.close();
  }

  private ErrandApp start() {
    Settings settings = Settings.of(Map.of("JOBS_ATTEMPTS", "1"));
    app =
        ErrandApp.builder()
            .settings(settings)
            .modules(
                new AbstractModule() {
                  @Override
                  protected void configure() {
                    bind(OpenTelemetry.class).toInstance(openTelemetry);
                  }
                })
            .adapters(
                new QueueAdapter(QueueSettings.from(settings)).withClasses(TracedProcessor.class))
            .shutdownHook(false)
            .start();
    return app;
  }

  private SpanData span(String name) {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void shouldLinkTheRunSpanToTheAddSpanThroughTheJobsMetadata() {
    start();
    Tracer tracer = openTelemetry.getTracer("test");
    Span request = tracer.spanBuilder("POST /tasks").startSpan();
    String id;
    try (Scope ignored = request.makeCurrent()) {
      id = app.get(QueueService.class).add(QUEUE, "step", new Step("ok", false));
    } finally {
      request.end();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> exporter.getFinishedSpanItems().size() == 3);

    SpanData publish = span("publish " + QUEUE);
    SpanData process = span("process " + QUEUE);
    assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
    assertThat(publish.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
    assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
    assertThat(process.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
    assertThat(process.getParentSpanId()).isEqualTo(publish.getSpanId());
    assertThat(process.getAttributes().asMap())
        .containsValue(id)
        .containsValue("step")
        .containsValue(QUEUE);
    assertThat(SEEN.get("ok")).isEqualTo(request.getSpanContext().getTraceId());

    JobInfo info = app.get(QueueAdmin.class).job(QUEUE, id).orElseThrow();
    assertThat(info.metadata().get("traceparent"))
        .startsWith("00-" + publish.getTraceId() + "-" + publish.getSpanId() + "-");
  }

  @Test
  void shouldMarkTheRunSpanOfAFailedRunAsAnError() {
    start();
    String id = app.get(QueueService.class).add(QUEUE, "step", new Step("bad", true));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                app.get(QueueAdmin.class).job(QUEUE, id).map(JobInfo::state).orElse(null)
                    == JobState.DEAD);
    await().atMost(Duration.ofSeconds(10)).until(() -> exporter.getFinishedSpanItems().size() == 2);

    SpanData process = span("process " + QUEUE);
    assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(process.getStatus().getDescription()).isEqualTo("step bad broke");
    assertThat(process.getEvents()).extracting(e -> e.getName()).contains("exception");
    assertThat(List.of(span("publish " + QUEUE).getTraceId()))
        .containsExactly(process.getTraceId());
  }
}
