package dev.errand.cron.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.errand.cron.CronContext;
import dev.errand.cron.CronJobStatus;
import dev.errand.cron.CronRun;
import dev.errand.cron.CronSettings;
import dev.errand.cron.RunStatus;
import dev.errand.cron.spi.CronStore;
import dev.errand.cron.spi.TickClaim;
import dev.errand.testsupport.CapturedLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The scheduler firing one tick (claiming it, running the job, recording the run, and what it does
 * with a tick it cannot or must not run) and running on its own: on the real clock, and stopping
 * with a job still going.
 */
class CronSchedulerTest extends CronSchedulerTestBase {

  @Test
  void shouldRunAClaimedTickAndRecordItsSuccess() {
    CronJob job =
        job("Reports.daily", "0 9 * * *", false, context -> clock.advance(Duration.ofSeconds(2)));
    scheduler(job);

    CronRun run = scheduler.fire(job, Instant.parse("2026-11-22T09:00:00Z"), false);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(run.duration()).contains(Duration.ofSeconds(2));
    CronJobStatus status = control.job("Reports.daily");
    assertThat(status.lastRun()).isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
    assertThat(status.lastStatus()).isEqualTo(RunStatus.SUCCESS);
    assertThat(status.lastDuration()).isEqualTo(Duration.ofSeconds(2));
    assertThat(status.lastError()).isNull();
    assertThat(status.nextRun()).isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
    assertThat(status.expression()).isEqualTo("0 9 * * *");
    assertThat(status.zone()).isEqualTo("UTC");
    assertThat(status.description()).isEqualTo("test job Reports.daily");
    assertThat(status.enabled()).isTrue();
    assertThat(control.totals().runs()).isEqualTo(1);
    assertThat(control.totals().successes()).isEqualTo(1);
    assertThat(control.totals().meanDuration()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void shouldLogOneLineWithAHintWhenTheLockStoreCannotBeReached() {
    settings = settings.withStore(CronSettings.Store.REDIS);
    CronStore down = new UnreachableStore();
    CronJob job = recording("Reports.daily", "0 9 * * *", false);
    scheduler = new CronScheduler(settings, List.of(job), down, clock, "test-instance");
    scheduler.prepare();
    List<ILoggingEvent> warnings;
    try (CapturedLog logged = CapturedLog.of(CronScheduler.class)) {
      assertThat(scheduler.fire(job, Instant.parse("2026-11-22T09:00:00Z"), false)).isNull();
      warnings = logged.at(Level.WARN);
    }
    assertThat(warnings).hasSize(1);
    String line = warnings.get(0).getFormattedMessage();
    assertThat(line)
        .contains("Reports.daily could not claim its tick at 2026-11-22T09:00:00Z")
        .contains("Connection refused")
        .contains("REDIS_URL");
    assertThat(line.split("Connection refused", -1)).hasSize(2);
    assertThat(warnings.get(0).getThrowableProxy()).as("no stack trace at WARN").isNull();
    assertThat(calls).isEmpty();
  }

  @Test
  void shouldPassTheTickToAMethodThatTakesAContext() {
    CronJob job = recording("Reports.daily", "0 9 * * *", false);
    scheduler(job);

    scheduler.fire(job, Instant.parse("2026-11-22T09:00:00Z"), false);

    assertThat(calls)
        .containsExactly(
            new CronContext("Reports.daily", Instant.parse("2026-11-22T09:00:00Z"), false));
  }

  @Test
  void shouldRecordAFailureWithTheExceptionAndCountIt() {
    CronJob job =
        job(
            "Reports.broken",
            "0 9 * * *",
            false,
            context -> {
              throw new IllegalStateException("report template missing");
            });
    scheduler(job);

    CronRun run = scheduler.fire(job, Instant.parse("2026-11-22T09:00:00Z"), false);

    assertThat(run.status()).isEqualTo(RunStatus.FAILURE);
    assertThat(control.job("Reports.broken").lastError())
        .isEqualTo("java.lang.IllegalStateException: report template missing");
    assertThat(control.totals().failures()).isEqualTo(1);
    assertThat(control.totals().successes()).isZero();
  }

  @Test
  void shouldSkipATickWhileThePreviousRunIsStillGoing() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CronJob job = job("Sync.repository", "* * * * *", false, context -> release.await());
    scheduler(job);
    Instant first = Instant.parse("2026-11-22T09:00:00Z");
    Instant second = Instant.parse("2026-11-22T09:01:00Z");
    CompletableFuture<CronRun> running =
        CompletableFuture.supplyAsync(() -> scheduler.fire(job, first, false));
    await()
        .atMost(5, TimeUnit.SECONDS)
        .until(() -> !control.history("Sync.repository", 1).isEmpty());

    assertThat(scheduler.fire(job, second, false)).isNull();

    assertThat(control.history("Sync.repository", 1).getFirst().status())
        .isEqualTo(RunStatus.SKIPPED);
    assertThat(control.totals().skipped()).isEqualTo(1);
    release.countDown();
    assertThat(running.get(5, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(control.history("Sync.repository", 10))
        .extracting(CronRun::scheduledAt, CronRun::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(second, RunStatus.SKIPPED),
            org.assertj.core.groups.Tuple.tuple(first, RunStatus.SUCCESS));
  }

  @Test
  void shouldRunOnceARunLeftByADeadInstanceHasLostItsLease() {
    CronJob job = recording("Sync.repository", "* * * * *", false);
    scheduler(job);
    Instant abandoned = Instant.parse("2026-11-22T09:00:00Z");
    store.claim(deadClaim(abandoned));

    clock.set(abandoned.plus(settings.runLease()).minusMillis(1));
    assertThat(scheduler.fire(job, Instant.parse("2026-11-22T09:00:29Z"), false)).isNull();

    clock.set(abandoned.plus(settings.runLease()));
    CronRun run = scheduler.fire(job, Instant.parse("2026-11-22T09:00:30Z"), false);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
    CronRun dead = control.history("Sync.repository", 10).getLast();
    assertThat(dead.scheduledAt()).isEqualTo(abandoned);
    assertThat(dead.status()).isEqualTo(RunStatus.FAILURE);
    assertThat(dead.error()).contains("Abandoned").contains("CRON_RUN_LEASE");
  }

  @Test
  void shouldRunOnceARunThatKeepsRenewingHasGoneStale() {
    CronJob job = recording("Sync.repository", "* * * * *", false);
    scheduler(job);
    Instant hung = Instant.parse("2026-11-22T09:00:00Z");
    store.claim(deadClaim(hung));

    clock.set(hung.plus(Duration.ofMinutes(29)));
    store.renew("Sync.repository", hung, clock.instant());
    assertThat(scheduler.fire(job, Instant.parse("2026-11-22T09:29:00Z"), false)).isNull();

    clock.set(hung.plus(Duration.ofMinutes(30)));
    store.renew("Sync.repository", hung, clock.instant());
    CronRun run = scheduler.fire(job, Instant.parse("2026-11-22T09:30:00Z"), false);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
    CronRun stale = control.history("Sync.repository", 10).getLast();
    assertThat(stale.status()).isEqualTo(RunStatus.FAILURE);
    assertThat(stale.error()).contains("Stale").contains("CRON_STALE_AFTER");
  }

  private TickClaim deadClaim(Instant tick) {
    return new TickClaim(
        "Sync.repository", tick, tick, settings.staleAfter(), settings.runLease(), "dead", false);
  }

  @Test
  void shouldLetARunningJobFinishWithinTheGracePeriod() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CronJob job =
        job(
            "Export.nightly",
            "0 1 * * *",
            false,
            context -> {
              started.countDown();
              Thread.sleep(300); // the job's own work, not an assertion
            });
    scheduler(job);
    scheduler.start();
    control.trigger("Export.nightly");
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    scheduler.stop();

    assertThat(control.history("Export.nightly", 1).getFirst().status())
        .isEqualTo(RunStatus.SUCCESS);
  }

  @Test
  void shouldInterruptAJobStillRunningAfterTheGracePeriod() throws Exception {
    settings = settings.withShutdownGrace(Duration.ofMillis(200));
    CountDownLatch started = new CountDownLatch(1);
    CronJob job =
        job(
            "Export.nightly",
            "0 1 * * *",
            false,
            context -> {
              started.countDown();
              new CountDownLatch(1).await(); // never released: only an interrupt ends it
            });
    scheduler(job);
    scheduler.start();
    control.trigger("Export.nightly");
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    scheduler.stop();

    CronRun run = control.history("Export.nightly", 1).getFirst();
    assertThat(run.status()).isEqualTo(RunStatus.FAILURE);
    assertThat(run.error()).contains("InterruptedException");
  }

  @Test
  void shouldFireTicksOnTheRealClock() {
    List<CronContext> fired = new CopyOnWriteArrayList<>();
    CronJob job = job("Heartbeat.beat", "@every 1s", false, fired::add);
    scheduler = new CronScheduler(settings, List.of(job), store, java.time.Clock.systemUTC(), "x");
    scheduler.prepare();

    scheduler.start();

    await().atMost(5, TimeUnit.SECONDS).until(() -> fired.size() >= 2);
    assertThat(fired)
        .allSatisfy(context -> assertThat(context.scheduledAt().getNano()).isZero())
        .extracting(CronContext::scheduledAt)
        .doesNotHaveDuplicates();
  }
}
