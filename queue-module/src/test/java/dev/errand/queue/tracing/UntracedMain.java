package dev.errand.queue.tracing;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.queue.Job;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobOutcome;
import dev.errand.queue.Process;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import java.time.Duration;
import java.util.Map;

/**
 * Runs a job with the queue layer in a JVM whose classpath lacks OpenTelemetry (and Micrometer),
 * printing whether the API was there and how the job ended; {@link WithoutOpenTelemetryTest} starts
 * it.
 */
public final class UntracedMain {

  record Ping(String text) {}

  @Job("untraced")
  static final class PingProcessor {
    @Process("ping")
    String ping(Ping ping) {
      return "pong " + ping.text();
    }
  }

  public static void main(String[] args) {
    boolean present;
    try {
      Class.forName("io.opentelemetry.api.OpenTelemetry");
      present = true;
    } catch (ClassNotFoundException e) {
      present = false;
    }
    System.out.println("opentelemetry " + (present ? "present" : "absent"));
    Settings settings = Settings.of(Map.of());
    try (ErrandApp app =
        ErrandApp.builder()
            .settings(settings)
            .adapters(
                new QueueAdapter(QueueSettings.from(settings)).withClasses(PingProcessor.class))
            .shutdownHook(false)
            .start()) {
      JobOutcome outcome =
          app.get(QueueService.class)
              .addAndWait(
                  "untraced", "ping", new Ping("x"), JobOptions.defaults(), Duration.ofSeconds(20));
      System.out.println("job " + outcome.state() + " " + outcome.result());
    }
  }
}
