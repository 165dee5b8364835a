package dev.errand.cron.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.errand.core.Settings;
import dev.errand.cron.CronContext;
import dev.errand.cron.CronJobStatus;
import dev.errand.cron.CronRun;
import dev.errand.cron.CronSettings;
import dev.errand.cron.RunStatus;
import dev.errand.cron.internal.local.LocalCronStore;
import dev.errand.cron.spi.CronStore;
import dev.errand.cron.spi.TickClaim;
import dev.errand.testsupport.CapturedLog;
import dev.errand.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CronSchedulerTest {

  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  private final MutableClock clock = new MutableClock(NOW);
  private final LocalCronStore store = new LocalCronStore();
  private final List<CronContext> calls = new CopyOnWriteArrayList<>();
  private CronSettings settings =
      CronSettings.defaults()
          .withStaleAfter(Duration.ofMinutes(30))
          .withShutdownGrace(Duration.ofSeconds(5));
  private CronScheduler scheduler;
  private CronControl control;

  @AfterEach
  void stopScheduler() {
    if (scheduler != null) {
      scheduler.stop();
    }
  }

  private CronJob job(String id, String schedule, boolean runMissed, CronJob.Body body) {
    Schedule parsed = new ScheduleParser(Settings.of(Map.of())).parse(schedule, "UTC");
    return new CronJob(id, "Test#" + id, "test job " + id, parsed, "UTC", runMissed, true, body);
  }

  private CronJob recording(String id, String schedule, boolean runMissed) {
    return job(id, schedule, runMissed, calls::add);
  }

  private CronScheduler scheduler(CronJob... jobs) {
    scheduler = new CronScheduler(settings, List.of(jobs), store, clock, "test-instance");
    scheduler.prepare();
    control = new CronControl(scheduler);
    return scheduler;
  }

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
