package dev.errand.queue.internal;

import com.google.inject.Injector;
import com.google.inject.Key;
import dev.errand.queue.JobContext;
import dev.errand.queue.JobOptions;
import dev.errand.queue.SnoozeJobException;
import dev.errand.queue.spi.JobInterceptor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;

/**
 * OpenTelemetry spans for jobs: a producer span for each add, whose W3C trace context travels in
 * the job's metadata ({@code traceparent}, {@code tracestate}), and a consumer span for each run,
 * its child, current while the handler runs. Outermost of the interceptors, so theirs run inside
 * the run's span. Only loaded when {@link OptionalLibraries#openTelemetry()} says the API is on the
 * classpath, and only registered when the application binds an {@code OpenTelemetry} in Guice.
 */
final class JobTracing implements JobInterceptor {

  private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
  private static final AttributeKey<String> DESTINATION =
      AttributeKey.stringKey("messaging.destination.name");
  private static final AttributeKey<String> JOB_NAME = AttributeKey.stringKey("errand.job.name");
  private static final AttributeKey<String> JOB_ID = AttributeKey.stringKey("messaging.message.id");
  private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("errand.job.attempt");

  private static final TextMapGetter<Map<String, String>> METADATA =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  /** The span and scope of the run on this thread, between beforeRun and its end. */
  private final ThreadLocal<Running> running = new ThreadLocal<>();

  private final Tracer tracer;
  private final W3CTraceContextPropagator propagator = W3CTraceContextPropagator.getInstance();

  private JobTracing(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("dev.errand.queue");
  }

  /** Registers tracing with {@code interceptors} when {@code injector} binds an OpenTelemetry. */
  static void registerIfBound(Injector injector, Interceptors interceptors) {
    var binding = injector.getExistingBinding(Key.get(OpenTelemetry.class));
    if (binding != null) {
      interceptors.register(new JobTracing(binding.getProvider().get()));
    }
  }

  private record Running(Span span, Scope scope) {}

  @Override
  public int order() {
    return Integer.MIN_VALUE;
  }

  @Override
  public JobOptions onAdd(String queue, String name, JobOptions options) {
    Span span =
        tracer
            .spanBuilder("publish " + queue)
            .setSpanKind(SpanKind.PRODUCER)
            .setAttribute(SYSTEM, "errand")
            .setAttribute(DESTINATION, queue)
            .setAttribute(JOB_NAME, name)
            .startSpan();
    try {
      Map<String, String> carrier = new HashMap<>();
      propagator.inject(Context.current().with(span), carrier, Map::put);
      return carrier.isEmpty() ? options : options.toBuilder().metadata(carrier).build();
    } finally {
      span.end();
    }
  }

  @Override
  public void beforeRun(JobContext job) {
    Context parent = propagator.extract(Context.root(), job.metadata(), METADATA);
    Span span =
        tracer
            .spanBuilder("process " + job.queue())
            .setParent(parent)
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute(SYSTEM, "errand")
            .setAttribute(DESTINATION, job.queue())
            .setAttribute(JOB_NAME, job.name())
            .setAttribute(JOB_ID, job.id())
            .setAttribute(ATTEMPT, (long) job.attempt())
            .startSpan();
    running.set(new Running(span, span.makeCurrent()));
  }

  @Override
  public void afterRun(JobContext job, Object result) {
    end(null);
  }

  @Override
  public void onFailure(JobContext job, Throwable error) {
    end(error);
  }

  private void end(Throwable error) {
    Running run = running.get();
    if (run == null) {
      return;
    }
    running.remove();
    run.scope().close();
    if (error instanceof SnoozeJobException) {
      run.span().addEvent("snoozed");
    } else if (error != null) {
      run.span().recordException(error);
      run.span().setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
    }
    run.span().end();
  }
}
