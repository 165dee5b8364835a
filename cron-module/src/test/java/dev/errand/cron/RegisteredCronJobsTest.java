package dev.errand.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.cron.fixtures.Dispatcher;
import dev.errand.cron.fixtures.DispatcherAdapter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cron jobs registered and unregistered at runtime through {@link CronService}. */
class RegisteredCronJobsTest {

  private ErrandApp app;
  private CronService cron;

  @BeforeEach
  void startApp() {
    Settings settings = Settings.of(Map.of("SYNC_SCHEDULE", "*/5 * * * *"));
    app =
        ErrandApp.builder()
            .settings(settings)
            .adapters(
                new DispatcherAdapter(),
                new CronAdapter(CronSettings.from(settings), "dev.errand.cron.fixtures.scanned"))
            .shutdownHook(false)
            .start();
    cron = app.get(CronService.class);
  }

  @AfterEach
  void stopApp() {
    app.stop();
  }

  @Test
  void shouldRunARegisteredJobOnItsScheduleUntilItIsUnregistered() {
    AtomicInteger runs = new AtomicInteger();
    Dispatcher witness = app.get(Dispatcher.class);

    cron.register("repository-sync", Duration.ofSeconds(1), context -> runs.incrementAndGet());

    await().atMost(10, TimeUnit.SECONDS).until(() -> runs.get() >= 2);
    assertThat(cron.job("repository-sync").lastStatus()).isEqualTo(RunStatus.SUCCESS);
    assertThat(cron.unregister("repository-sync")).isTrue();
    int afterUnregister = runs.get();
    long witnessed = witness.count("remind");
    // The annotated every-second job is the clock: three of its ticks pass, none of the other's.
    await().atMost(10, TimeUnit.SECONDS).until(() -> witness.count("remind") >= witnessed + 3);
    // A tick already handed to a runner as it was unregistered may still run; after it, none.
    assertThat(runs.get()).isLessThanOrEqualTo(afterUnregister + 1);
    assertThat(cron.jobs()).extracting(CronJobStatus::id).doesNotContain("repository-sync");
    assertThat(cron.unregister("repository-sync")).isFalse();
  }

  @Test
  void shouldGiveARegisteredJobTheStatusHistoryTriggerAndSwitchOfAnAnnotatedOne() throws Exception {
    List<CronContext> contexts = new CopyOnWriteArrayList<>();
    cron.register("hourly-report", "0 * * * *", "Europe/Berlin", "Hourly report", contexts::add);

    CronJobStatus status = cron.job("hourly-report");
    assertThat(status.expression()).isEqualTo("0 * * * *");
    assertThat(status.zone()).isEqualTo("Europe/Berlin");
    assertThat(status.description()).isEqualTo("Hourly report");
    assertThat(status.enabled()).isTrue();
    assertThat(status.scheduled()).isTrue();
    assertThat(status.nextRun()).isAfter(Instant.now()).isBefore(Instant.now().plusSeconds(3601));

    CronRun run = cron.trigger("hourly-report").get(5, TimeUnit.SECONDS);
    assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(contexts).singleElement().satisfies(c -> assertThat(c.manual()).isTrue());
    assertThat(cron.history("hourly-report", 10)).containsExactly(run);

    cron.disable("hourly-report");
    assertThat(cron.job("hourly-report").enabled()).isFalse();
    cron.enable("hourly-report");
    assertThat(cron.job("hourly-report").enabled()).isTrue();
  }

  @Test
  void shouldSkipATickWhileARunOfTheRegisteredJobIsGoing() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    cron.register("slow-export", "0 0 1 1 *", context -> release.await());

    CompletableFuture<CronRun> first = cron.trigger("slow-export");
    await().atMost(5, TimeUnit.SECONDS).until(() -> !cron.history("slow-export", 1).isEmpty());
    CronRun second = cron.trigger("slow-export").get(5, TimeUnit.SECONDS);

    assertThat(second.status()).isEqualTo(RunStatus.SKIPPED);
    release.countDown();
    assertThat(first.get(5, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCESS);
  }

  @Test
  void shouldReplaceAJobRegisteredUnderTheSameId() {
    cron.register("digest", "0 9 * * *", context -> {});
    cron.register("digest", "${SYNC_SCHEDULE}", "UTC", "Digest", context -> {});

    assertThat(cron.job("digest").expression()).isEqualTo("*/5 * * * *");
    assertThat(cron.jobs()).extracting(CronJobStatus::id).containsOnlyOnce("digest");
  }

  @Test
  void shouldRejectBadRegistrationsNamingTheJobAndWhatIsAllowed() {
    assertThatThrownBy(() -> cron.register("tenant {7}", "@hourly", context -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tenant {7}")
        .hasMessageContaining("letters, digits");
    assertThatThrownBy(() -> cron.register("ReminderJobs.remind", "@hourly", context -> {}))
        .hasMessageContaining("a @Cron method has that id");
    assertThatThrownBy(() -> cron.register("report", "0 25 * * *", context -> {}))
        .hasMessageContaining("'report'")
        .hasMessageContaining("0 25 * * *");
    assertThatThrownBy(() -> cron.register("report", "@daily", "Mars/Olympus", "r", c -> {}))
        .hasMessageContaining("'report'")
        .hasMessageContaining("Mars/Olympus");
    assertThatThrownBy(() -> cron.register("report", Duration.ofMillis(1500), context -> {}))
        .hasMessageContaining("whole number of seconds");
    assertThatThrownBy(() -> cron.unregister("ReminderJobs.remind"))
        .hasMessageContaining("disable");
    assertThat(cron.jobs()).extracting(CronJobStatus::id).doesNotContain("report");
  }
}
