package dev.errand.cron.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.errand.cron.CronContext;
import dev.errand.cron.CronJobStatus;
import dev.errand.cron.CronRun;
import dev.errand.cron.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What an operator does by hand through {@link CronControl}: trigger a job now, and disable or
 * enable it. Apart from {@link CronSchedulerTest} because a manual run bypasses the schedule and
 * has rules of its own (it runs while disabled, it is reported as skipped rather than refused).
 */
class CronControlTest extends CronSchedulerTestBase {

  @Test
  void shouldRunAJobTriggeredByHand() throws Exception {
    CronJob job = recording("Reports.daily", "0 9 * * *", false);
    scheduler(job);

    CronRun run = control.trigger("Reports.daily").get(5, TimeUnit.SECONDS);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(run.scheduledAt()).isEqualTo(NOW);
    assertThat(calls).containsExactly(new CronContext("Reports.daily", NOW, true));
  }

  @Test
  void shouldReportAManualTriggerAsSkippedWhileARunIsGoing() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CronJob job = job("Sync.repository", "* * * * *", false, context -> release.await());
    scheduler(job);
    CompletableFuture<CronRun> first = control.trigger("Sync.repository");
    await()
        .atMost(5, TimeUnit.SECONDS)
        .until(() -> !control.history("Sync.repository", 1).isEmpty());
    clock.advance(Duration.ofSeconds(1));

    CronRun second = control.trigger("Sync.repository").get(5, TimeUnit.SECONDS);

    assertThat(second.status()).isEqualTo(RunStatus.SKIPPED);
    release.countDown();
    assertThat(first.get(5, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCESS);
  }

  @Test
  void shouldFailToTriggerAnUnknownJobListingTheKnownOnes() {
    scheduler(recording("Reports.daily", "0 9 * * *", false));

    assertThatThrownBy(() -> control.trigger("Reports.nightly"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No cron job with id 'Reports.nightly'")
        .hasMessageContaining("Reports.daily");
  }

  @Test
  void shouldNotRunADisabledJobUntilItIsEnabledAgain() throws Exception {
    CronJob job = recording("Reports.daily", "0 9 * * *", false);
    scheduler(job);

    control.disable("Reports.daily");

    assertThat(scheduler.fire(job, Instant.parse("2026-11-22T09:00:00Z"), false)).isNull();
    assertThat(calls).isEmpty();
    CronJobStatus disabled = control.job("Reports.daily");
    assertThat(disabled.enabled()).isFalse();
    assertThat(disabled.nextRun()).isNull();
    assertThat(control.trigger("Reports.daily").get(5, TimeUnit.SECONDS).status())
        .isEqualTo(RunStatus.SUCCESS);

    control.enable("Reports.daily");

    assertThat(scheduler.fire(job, Instant.parse("2026-11-23T09:00:00Z"), false).status())
        .isEqualTo(RunStatus.SUCCESS);
    assertThat(control.job("Reports.daily").enabled()).isTrue();
  }
}
