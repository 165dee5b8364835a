package dev.errand.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.core.Settings;
import dev.errand.core.spi.Adapter;
import dev.errand.cron.Cron;
import dev.errand.cron.CronAdapter;
import dev.errand.cron.CronRun;
import dev.errand.cron.CronService;
import dev.errand.cron.CronSettings;
import dev.errand.cron.RunStatus;
import dev.errand.queue.JobOptions;
import dev.errand.queue.QueueService;
import dev.errand.testing.sample.Jobs;
import dev.errand.testing.sample.Recorder;
import dev.errand.testing.sample.SampleApp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClockTest {

  private static final Instant MONDAY_EIGHT = Instant.parse("2030-01-07T08:00:00Z");

  /** A cron job that fails on every tick. */
  public static final class BrokenCron {
    @Cron("@hourly")
    void everyHour() {
      throw new IllegalStateException("the report server is down");
    }
  }

  private static List<Adapter> withBrokenCron(Settings settings) {
    List<Adapter> adapters = new ArrayList<>(SampleApp.adapters(settings).subList(0, 2));
    adapters.add(new CronAdapter(CronSettings.from(settings)).withClasses(BrokenCron.class));
    return adapters;
  }

  @RegisterExtension
  final ErrandExtension errand =
      ErrandExtension.builder().adapters(SampleApp::adapters).startAt(MONDAY_EIGHT).build();

  @Test
  void shouldStartTheClockWhereTheTestSays() {
    assertThat(errand.clock().instant()).isEqualTo(MONDAY_EIGHT);
  }

  @Test
  void shouldMakeDelayedJobsDueWhenTheClockAdvances() {
    errand
        .get(QueueService.class)
        .add(
            Jobs.REMINDER,
            new Jobs.Reminder("later"),
            JobOptions.builder().delay(Duration.ofMinutes(30)).build());

    assertThat(errand.drain()).isZero();
    errand.advance(Duration.ofMinutes(29));
    assertThat(errand.drain()).isZero();
    errand.advance(Duration.ofMinutes(1));
    assertThat(errand.drain()).isEqualTo(1);

    assertThat(errand.get(Recorder.class).events()).containsExactly("reminder later");
    assertThat(errand.clock().instant()).isEqualTo(MONDAY_EIGHT.plus(Duration.ofMinutes(30)));
  }

  @Test
  void shouldFireTheCronTicksTheClockPasses() {
    errand.advance(Duration.ofMinutes(59));
    errand.assertNothingEnqueued();

    errand.advance(Duration.ofMinutes(1)); // 09:00, Monday's tick
    assertThat(errand.enqueued(Jobs.REMINDER)).containsExactly(new Jobs.Reminder("2030-01-07"));

    errand.advance(Duration.ofDays(2)); // Tuesday's and Wednesday's
    assertThat(errand.enqueued(Jobs.REMINDER))
        .containsExactly(
            new Jobs.Reminder("2030-01-07"),
            new Jobs.Reminder("2030-01-08"),
            new Jobs.Reminder("2030-01-09"));
    List<CronRun> history = errand.get(CronService.class).history("ReminderCron.morning", 10);
    assertThat(history)
        .extracting(CronRun::scheduledAt)
        .containsExactly(
            Instant.parse("2030-01-09T09:00:00Z"),
            Instant.parse("2030-01-08T09:00:00Z"),
            Instant.parse("2030-01-07T09:00:00Z"));
    assertThat(history).extracting(CronRun::status).containsOnly(RunStatus.SUCCESS);
    assertThat(errand.clock().instant()).isEqualTo(Instant.parse("2030-01-09T09:00:00Z"));

    assertThat(errand.drain()).isEqualTo(3);
  }

  @Test
  void shouldNotFireTheTicksOfADisabledCronJob() {
    errand.get(CronService.class).disable("ReminderCron.morning");

    errand.advance(Duration.ofDays(1));

    errand.assertNothingEnqueued();
  }

  @Test
  void shouldRefuseToMoveTheClockBack() {
    assertThatThrownBy(() -> errand.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Time only moves forward");
  }

  @Nested
  class WithAFailingCronJob {

    @RegisterExtension
    final ErrandExtension broken =
        ErrandExtension.builder().adapters(ClockTest::withBrokenCron).startAt(MONDAY_EIGHT).build();

    @Test
    void shouldFailAdvanceNamingTheCronJobThatFailed() {
      assertThatThrownBy(() -> broken.advance(Duration.ofHours(3)))
          .isInstanceOf(AssertionError.class)
          .hasMessage(
              "Cron job BrokenCron.everyHour failed on its tick at 2030-01-07T09:00:00Z:"
                  + " java.lang.IllegalStateException: the report server is down");
      assertThat(broken.clock().instant()).isEqualTo(Instant.parse("2030-01-07T09:00:00Z"));
    }
  }
}
