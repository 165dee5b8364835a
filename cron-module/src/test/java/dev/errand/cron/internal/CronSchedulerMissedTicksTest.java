package dev.errand.cron.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.cron.CronContext;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The ticks no instance ran while the application was down: which of them count as missed, and the
 * one a job that opts in catches up at start. Apart from {@link CronSchedulerTest} because they
 * hinge on the history the store already holds, not on the tick being fired.
 */
class CronSchedulerMissedTicksTest extends CronSchedulerTestBase {

  @Test
  void shouldRunOnlyTheLatestMissedTickAtStartWhenTheJobOptsIn() {
    CronJob job = recording("Digest.hourly", "@hourly", true);
    scheduler(job);
    // The last run was five hours ago; four ticks were missed while no instance ran.
    Instant lastRun = Instant.parse("2026-11-22T05:00:00Z");
    scheduler.fire(job, lastRun, false);
    calls.clear();
    clock.set(Instant.parse("2026-11-22T10:30:00Z"));

    scheduler.start();

    await().atMost(5, TimeUnit.SECONDS).until(() -> !calls.isEmpty());
    scheduler.stop();
    assertThat(calls)
        .containsExactly(
            new CronContext("Digest.hourly", Instant.parse("2026-11-22T10:00:00Z"), false));
    assertThat(control.history("Digest.hourly", 10)).hasSize(2);
  }

  @Test
  void shouldSkipMissedTicksByDefault() {
    CronJob job = recording("Digest.hourly", "@hourly", false);
    scheduler(job);
    scheduler.fire(job, Instant.parse("2026-11-22T05:00:00Z"), false);
    calls.clear();
    clock.set(Instant.parse("2026-11-22T10:30:00Z"));

    scheduler.start();
    scheduler.stop(); // waits for anything started to finish

    assertThat(calls).isEmpty();
    assertThat(control.history("Digest.hourly", 10)).hasSize(1);
  }

  @Test
  void shouldTreatAJobWithoutHistoryAsNewRatherThanMissed() {
    CronJob job = recording("Digest.hourly", "@hourly", true);
    scheduler(job);

    assertThat(scheduler.missedTick(job, clock.instant().plusSeconds(1800))).isEmpty();
  }

  @Test
  void shouldNotCountATickThatAlreadyRanAsMissed() {
    CronJob job = recording("Digest.hourly", "@hourly", true);
    scheduler(job);
    scheduler.fire(job, Instant.parse("2026-11-22T10:00:00Z"), false);

    assertThat(scheduler.missedTick(job, Instant.parse("2026-11-22T10:59:00Z"))).isEmpty();
    assertThat(scheduler.missedTick(job, Instant.parse("2026-11-22T11:00:01Z")))
        .contains(Instant.parse("2026-11-22T11:00:00Z"));
  }
}
