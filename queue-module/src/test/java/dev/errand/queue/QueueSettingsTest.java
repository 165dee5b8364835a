package dev.errand.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.core.Settings;
import dev.errand.core.SettingsException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueSettingsTest {

  @Test
  void shouldUseTheDocumentedDefaults() {
    QueueSettings settings = QueueSettings.defaults();

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.backend()).isEqualTo(QueueSettings.Backend.MEMORY);
    assertThat(settings.queueDefaults().concurrency()).isEqualTo(10);
    assertThat(settings.queueDefaults().attempts()).isEqualTo(3);
    assertThat(settings.queueDefaults().backoff())
        .isEqualTo(Backoff.exponential(Duration.ofMillis(2000)));
    assertThat(settings.queueDefaults().timeout()).isNull();
    assertThat(settings.queueDefaults().removeOnComplete()).isEqualTo(Retention.keepLast(1000));
    assertThat(settings.keyPrefix()).isEqualTo("errand");
  }

  @Test
  void shouldLookAtAnIdleQueueEveryTwoMinutesAtMostUnlessToldOtherwise() {
    assertThat(QueueSettings.defaults().idleCheckInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(
            QueueSettings.from(Settings.of(Map.of("JOBS_IDLE_CHECK_INTERVAL", "30s")))
                .idleCheckInterval())
        .isEqualTo(Duration.ofSeconds(30));

    QueueSettings tooLong =
        QueueSettings.from(Settings.of(Map.of("JOBS_IDLE_CHECK_INTERVAL", "1h")));
    assertThatThrownBy(tooLong::idleCheckInterval)
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("JOBS_IDLE_CHECK_INTERVAL")
        .hasMessageContaining("up to 10m");
  }

  @Test
  void shouldPrefetchHalfTheConcurrencyUnlessToldOtherwise() {
    QueueSettings settings =
        QueueSettings.from(
            Settings.of(
                Map.of(
                    "JOBS_CONCURRENCY", "5",
                    "JOBS_QUEUE_REPORTS_CONCURRENCY", "40",
                    "JOBS_QUEUE_VIDEO_PREFETCH", "0")));
    assertThat(settings.prefetch("email")).isEqualTo(3);
    assertThat(settings.prefetch("reports")).isEqualTo(20);
    assertThat(settings.prefetch("video")).isZero();

    QueueSettings global = QueueSettings.from(Settings.of(Map.of("JOBS_PREFETCH", "7")));
    assertThat(global.prefetch("email")).isEqualTo(7);

    QueueSettings negative = QueueSettings.from(Settings.of(Map.of("JOBS_PREFETCH", "-1")));
    assertThatThrownBy(() -> negative.prefetch("email"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("JOBS_PREFETCH");
  }

  @Test
  void shouldReadTheJobsSettings() {
    QueueSettings settings =
        QueueSettings.from(
            Settings.of(
                Map.of(
                    "JOBS_ENABLED", "false",
                    "JOBS_BACKEND", "redis",
                    "JOBS_ATTEMPTS", "5",
                    "JOBS_BACKOFF_TYPE", "fixed",
                    "JOBS_BACKOFF_DELAY", "250",
                    "JOBS_REMOVE_ON_COMPLETE", "none",
                    "JOBS_REMOVE_ON_FAIL", "7d")));

    assertThat(settings.enabled()).isFalse();
    assertThat(settings.backend()).isEqualTo(QueueSettings.Backend.REDIS);
    assertThat(settings.queueDefaults().attempts()).isEqualTo(5);
    assertThat(settings.queueDefaults().backoff()).isEqualTo(Backoff.fixed(Duration.ofMillis(250)));
    assertThat(settings.queueDefaults().removeOnComplete()).isEqualTo(Retention.none());
    assertThat(settings.queueDefaults().removeOnFail())
        .isEqualTo(Retention.keepFor(Duration.ofDays(7)));
  }

  @Test
  void shouldLetPerQueueSettingsWinOverCodeAndCodeOverGlobalDefaults() {
    QueueSettings settings =
        QueueSettings.from(
                Settings.of(
                    Map.of(
                        "JOBS_CONCURRENCY", "4",
                        "JOBS_QUEUE_EMAIL_HIGH_CONCURRENCY", "20",
                        "JOBS_QUEUE_EMAIL_HIGH_BACKOFF_DELAY", "1s")))
            .withQueue("email.high", d -> d.withConcurrency(8).withAttempts(9))
            .withQueue("reports", d -> d.withTimeout(Duration.ofMinutes(5)));

    QueueDefaults email = settings.forQueue("email.high");
    assertThat(email.concurrency()).isEqualTo(20);
    assertThat(email.attempts()).isEqualTo(9);
    assertThat(email.backoff()).isEqualTo(Backoff.exponential(Duration.ofSeconds(1)));
    assertThat(settings.forQueue("reports").timeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.forQueue("reports").concurrency()).isEqualTo(4);
  }

  @Test
  void shouldStillReadTheFormerNameJobsProvider() {
    assertThat(QueueSettings.from(Settings.of(Map.of("JOBS_PROVIDER", "redis"))).backend())
        .isEqualTo(QueueSettings.Backend.REDIS);
    assertThat(
            QueueSettings.from(
                    Settings.of(Map.of("JOBS_PROVIDER", "redis", "JOBS_BACKEND", "memory")))
                .backend())
        .isEqualTo(QueueSettings.Backend.MEMORY);
    assertThatThrownBy(() -> QueueSettings.from(Settings.of(Map.of("JOBS_PROVIDER", "kafka"))))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("Setting JOBS_PROVIDER has the invalid value 'kafka'");
  }

  @Test
  void shouldKeepWorkflowsAWeekUnlessToldOtherwise() {
    assertThat(QueueSettings.defaults().workflowRetention()).isEqualTo(Duration.ofDays(7));
    assertThat(
            QueueSettings.from(Settings.of(Map.of("JOBS_WORKFLOW_RETENTION", "12h")))
                .workflowRetention())
        .isEqualTo(Duration.ofHours(12));
    for (String bad : new String[] {"-1s", "a while"}) {
      QueueSettings settings =
          QueueSettings.from(Settings.of(Map.of("JOBS_WORKFLOW_RETENTION", bad)));
      assertThatThrownBy(settings::workflowRetention)
          .isInstanceOf(SettingsException.class)
          .hasMessageContaining("JOBS_WORKFLOW_RETENTION");
    }
  }

  @Test
  void shouldNameTheSettingAndWhatIsAllowedWhenAValueIsBad() {
    assertThatThrownBy(() -> QueueSettings.from(Settings.of(Map.of("JOBS_BACKEND", "kafka"))))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("JOBS_BACKEND")
        .hasMessageContaining("memory, redis");
    assertThatThrownBy(
            () ->
                QueueSettings.from(Settings.of(Map.of("JOBS_QUEUE_MAIL_ATTEMPTS", "0")))
                    .forQueue("mail"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("JOBS_QUEUE_MAIL_ATTEMPTS");
    assertThatThrownBy(
            () -> QueueSettings.from(Settings.of(Map.of("JOBS_REMOVE_ON_FAIL", "forever"))))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("JOBS_REMOVE_ON_FAIL");
  }

  @Test
  void shouldRejectBadJobOptionsWithTheirReason() {
    assertThatThrownBy(() -> JobOptions.builder().jobId("42")).hasMessageContaining("plain number");
    assertThatThrownBy(() -> JobOptions.builder().priority(5000)).hasMessageContaining("5000");
    assertThatThrownBy(() -> JobOptions.builder().attempts(0)).hasMessageContaining("attempts");
    assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(1), 2))
        .hasMessageContaining("jitter");
  }
}
