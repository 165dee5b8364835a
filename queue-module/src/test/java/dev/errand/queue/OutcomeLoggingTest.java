package dev.errand.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.testsupport.CapturedLog;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failures are never silent: retries at WARN, jobs that failed for good at ERROR, per queue. */
class OutcomeLoggingTest {

  @Job("flaky")
  static final class Flaky {
    @Process("charge")
    void charge(Map<String, Object> payload) {
      throw new IllegalStateException("card declined");
    }
  }

  private CapturedLog logged;
  private ErrandApp app;

  @BeforeEach
  void capture() {
    logged = CapturedLog.of("dev.errand.queue.internal.OutcomeReporter", null);
  }

  @AfterEach
  void release() {
    logged.close();
    if (app != null) {
      app.stop();
    }
  }

  private QueueAdmin start(Map<String, String> extra) {
    Map<String, String> values = new HashMap<>(Map.of("JOBS_BACKOFF_DELAY", "10"));
    values.putAll(extra);
    Settings settings = Settings.of(values);
    app =
        ErrandApp.builder()
            .settings(settings)
            .adapters(new QueueAdapter(QueueSettings.from(settings)).withClasses(Flaky.class))
            .shutdownHook(false)
            .start();
    return app.get(QueueAdmin.class);
  }

  private List<ILoggingEvent> at(Level level) {
    return logged.at(level);
  }

  @Test
  void shouldWarnOnEachRetryAndLogAnErrorWhenTheJobDies() {
    QueueAdmin admin = start(Map.of());
    String id =
        app.get(QueueService.class)
            .add("flaky", "charge", Map.of(), JobOptions.builder().attempts(2).build());
    await().atMost(Duration.ofSeconds(10)).until(() -> admin.counts("flaky").dead() == 1);
    await().atMost(Duration.ofSeconds(5)).until(() -> !at(Level.ERROR).isEmpty());

    assertThat(at(Level.WARN))
        .extracting(ILoggingEvent::getFormattedMessage)
        .singleElement()
        .asString()
        .contains("Job 'charge' " + id + " of queue 'flaky' failed attempt 1 of 2")
        .contains("it runs again at")
        .contains("java.lang.IllegalStateException: card declined");
    assertThat(at(Level.ERROR))
        .extracting(ILoggingEvent::getFormattedMessage)
        .singleElement()
        .asString()
        .contains("failed for good at attempt 2 of 2 and is dead")
        .contains("card declined");
  }

  @Test
  void shouldLogNothingForAQueueWhoseOutcomeLogIsOff() {
    QueueAdmin admin = start(Map.of("JOBS_QUEUE_FLAKY_OUTCOME_LOG", "none"));
    app.get(QueueService.class)
        .add("flaky", "charge", Map.of(), JobOptions.builder().attempts(2).build());
    await().atMost(Duration.ofSeconds(10)).until(() -> admin.counts("flaky").dead() == 1);

    assertThat(at(Level.WARN)).isEmpty();
    assertThat(at(Level.ERROR)).isEmpty();
  }

  @Test
  void shouldLogAJobWithoutAHandlerAsAnErrorNamingTheFix() {
    QueueAdmin admin = start(Map.of());
    app.get(QueueService.class).add("flaky", "refund", Map.of());
    await().atMost(Duration.ofSeconds(10)).until(() -> !at(Level.ERROR).isEmpty());

    assertThat(at(Level.ERROR).get(0).getFormattedMessage())
        .contains("Job 'refund'")
        .contains("@Process(\"refund\")");
    assertThat(admin.counts("flaky").waiting()).isZero();
  }
}
