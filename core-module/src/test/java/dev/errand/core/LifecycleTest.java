package dev.errand.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  private final List<String> journal = new ArrayList<>();

  private ErrandApp.Builder app(RecordingAdapter... adapters) {
    return ErrandApp.builder()
        .settings(Settings.of(Map.of()))
        .shutdownHook(false)
        .adapters(adapters);
  }

  @Test
  void shouldStartInListOrderThenCallReadyThenStopInReverse() {
    ErrandApp started =
        app(
                new RecordingAdapter("Database", journal),
                new RecordingAdapter("Mailer", journal),
                new RecordingAdapter("Queue", journal))
            .start();

    assertThat(journal)
        .containsExactly(
            "start Database",
            "start Mailer",
            "start Queue",
            "ready Database",
            "ready Mailer",
            "ready Queue");

    journal.clear();
    started.stop();
    assertThat(journal).containsExactly("stop Queue", "stop Mailer", "stop Database");
  }

  @Test
  void shouldStopOnlyOnceWhenStopIsCalledRepeatedly() {
    ErrandApp started = app(new RecordingAdapter("Database", journal)).start();
    journal.clear();

    started.stop();
    started.stop();
    started.close();

    assertThat(journal).containsExactly("stop Database");
  }

  @Test
  void shouldStopWhatStartedAndNameTheAdapterWhenAStartFails() {
    IllegalStateException cause = new IllegalStateException("port 25 refused");
    RecordingAdapter broken = new RecordingAdapter("Mailer", journal).failOnStart(cause);

    assertThatThrownBy(
            () ->
                app(
                        new RecordingAdapter("Database", journal),
                        broken,
                        new RecordingAdapter("Queue", journal))
                    .start())
        .isInstanceOf(ErrandStartupException.class)
        .hasMessage("Mailer failed to start: port 25 refused")
        .hasCause(cause);

    assertThat(journal)
        .containsExactly("start Database", "start Mailer", "stop Mailer", "stop Database");
  }

  @Test
  void shouldStopTheApplicationWhenTheJvmReceivesSigterm() throws Exception {
    Path journalFile = Files.createTempFile("errand-sigterm", ".txt");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SigtermMain.class.getName(),
                journalFile.toString())
            .redirectErrorStream(true)
            .start();
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> Files.readString(journalFile).contains("ready Database"));

      child.destroy(); // SIGTERM

      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(Files.readAllLines(journalFile))
          .containsExactly(
              "start Database",
              "start Queue",
              "ready Database",
              "ready Queue",
              "stop Queue",
              "stop Database");
    } finally {
      child.destroyForcibly();
      Files.deleteIfExists(journalFile);
    }
  }

  @Test
  void shouldCombineAdapterHealth() {
    try (ErrandApp started =
        app(
                new RecordingAdapter("Database", journal),
                new RecordingAdapter("Mailer", journal).health(Health.down("SMTP refused")))
            .start()) {
      HealthReport report = started.health();

      assertThat(report.up()).isFalse();
      assertThat(report.components()).containsOnlyKeys("Database", "Mailer");
      assertThat(report.components().get("Mailer").detail()).isEqualTo("SMTP refused");
      assertThat(report.toString()).contains("Mailer=down (SMTP refused)");
    }
  }

  @Test
  void shouldReportAHealthCheckThatThrowsAsDown() {
    RecordingAdapter flaky =
        new RecordingAdapter("Flaky", journal) {
          @Override
          public Health health() {
            throw new IllegalStateException("probe exploded");
          }
        }.health(Health.ok());
    try (ErrandApp started = app(flaky).start()) {
      assertThat(started.health().components().get("Flaky"))
          .isEqualTo(Health.down("IllegalStateException: probe exploded"));
    }
  }
}
