package dev.errand.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.Injector;
import com.google.inject.Module;
import com.zaxxer.hikari.HikariDataSource;
import dev.errand.core.Settings;
import dev.errand.core.spi.Adapter;
import dev.errand.cron.backend.TestDatabases;
import dev.errand.cron.fixtures.Dispatcher;
import dev.errand.cron.fixtures.DispatcherAdapter;
import dev.errand.testsupport.MutableClock;
import dev.errand.testsupport.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The cron layer inside a real ErrandApp, with its jobs found by scanning: when they start firing,
 * what the settings switch off, and where each store keeps the history.
 */
class CronAdapterTest extends CronAdapterTestBase {

  @Test
  void shouldRunScannedJobsBuiltByGuiceOnceTheAppHasStarted() {
    Settings settings = settings("FIXTURE_REPORT_SCHEDULE", "30 4 * * *");

    start(settings, new DispatcherAdapter(), new CronAdapter(CronSettings.from(settings), SCANNED));

    Dispatcher dispatcher = app.get(Dispatcher.class);
    await().atMost(5, TimeUnit.SECONDS).until(() -> dispatcher.count("remind") >= 2);
    CronService cron = app.get(CronService.class);
    assertThat(cron.jobs())
        .extracting(CronJobStatus::id)
        .containsExactly("CronHistory.prune", "ReminderJobs.remind", "ReminderJobs.report");
    CronJobStatus report = cron.job("ReminderJobs.report");
    assertThat(report.expression()).isEqualTo("30 4 * * *");
    assertThat(report.zone()).isEqualTo("Europe/Berlin");
    assertThat(report.description()).isEqualTo("Nightly report");
    assertThat(report.scheduled()).isTrue();
    assertThat(cron.job("ReminderJobs.remind").lastStatus()).isNotNull();
    assertThat(app.health().toString()).contains("CronAdapter");
    assertThat(app.adapters().getLast().health().up()).isTrue();
  }

  @Test
  void shouldNotFireBeforeEveryAdapterHasStarted() {
    AtomicReference<Boolean> scheduledDuringStart = new AtomicReference<>();
    Adapter probe =
        new Adapter() {
          @Override
          public String name() {
            return "Probe";
          }

          @Override
          public Module module() {
            return binder -> {};
          }

          @Override
          public void start(Injector injector) {
            CronService cron = injector.getInstance(CronService.class);
            scheduledDuringStart.set(
                cron.jobs().stream().anyMatch(CronJobStatus::scheduled)
                    || cron.totals().runs() > 0);
          }
        };

    start(
        settings(),
        new DispatcherAdapter(),
        new CronAdapter(CronSettings.defaults(), SCANNED),
        probe);

    assertThat(scheduledDuringStart.get()).isFalse();
    assertThat(app.get(CronService.class).job("ReminderJobs.remind").scheduled()).isTrue();
  }

  @Test
  void shouldScheduleNothingWhenCronIsDisabledButStillRunManualTriggers() throws Exception {
    Settings settings = settings("CRON_ENABLED", "false");
    start(settings, new DispatcherAdapter(), new CronAdapter(CronSettings.from(settings), SCANNED));
    CronService cron = app.get(CronService.class);

    assertThat(cron.jobs()).noneMatch(CronJobStatus::scheduled);
    CronRun run = cron.trigger("ReminderJobs.remind").get(5, TimeUnit.SECONDS);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
    app.stop();
    assertThat(app.get(Dispatcher.class).dispatched()).containsExactly("remind");
  }

  @Test
  void shouldHonourThePerJobEnableSetting() {
    Settings settings = settings("CRON_JOB_REMINDER_JOBS_REMIND_ENABLED", "false");
    start(settings, new DispatcherAdapter(), new CronAdapter(CronSettings.from(settings), SCANNED));

    CronJobStatus remind = app.get(CronService.class).job("ReminderJobs.remind");

    assertThat(remind.enabled()).isFalse();
    assertThat(remind.scheduled()).isFalse();
    assertThat(remind.nextRun()).isNull();
    assertThat(app.get(CronService.class).job("ReminderJobs.report").scheduled()).isTrue();
  }

  @Test
  void shouldKeepHistoryInTheBoundDataSourceWithTheJdbcStore() throws Exception {
    Settings settings = settings("CRON_STORE", "jdbc", "CRON_ENABLED", "false");
    try (HikariDataSource pool =
        TestDatabases.h2(TestServers.unique("cron_app").replace('-', '_'))) {
      Module database = binder -> binder.bind(DataSource.class).toInstance(pool);
      start(
          settings,
          List.of(database),
          new DispatcherAdapter(),
          new CronAdapter(CronSettings.from(settings), SCANNED));
      CronService cron = app.get(CronService.class);

      cron.trigger("ReminderJobs.remind").get(5, TimeUnit.SECONDS);
      cron.disable("ReminderJobs.report");

      assertThat(cron.history("ReminderJobs.remind", 5))
          .singleElement()
          .extracting(CronRun::status)
          .isEqualTo(RunStatus.SUCCESS);
      assertThat(cron.job("ReminderJobs.report").enabled()).isFalse();
      try (var connection = pool.getConnection();
          var rows =
              connection
                  .createStatement()
                  .executeQuery("SELECT COUNT(*) FROM errand_cron_run WHERE status = 'SUCCESS'")) {
        rows.next();
        assertThat(rows.getInt(1)).isEqualTo(1);
      }
      app.stop();
    }
  }

  @Test
  void shouldKeepHistoryInRedisWithTheRedisStore() throws Exception {
    String prefix = TestServers.unique("errand-test:cron");
    Settings settings =
        settings(
            "CRON_STORE",
            "redis",
            "CRON_ENABLED",
            "false",
            "CRON_REDIS_PREFIX",
            prefix,
            "REDIS_URL",
            TestServers.redisUrl());
    start(settings, new DispatcherAdapter(), new CronAdapter(CronSettings.from(settings), SCANNED));
    CronService cron = app.get(CronService.class);

    CronRun run = cron.trigger("ReminderJobs.remind").get(5, TimeUnit.SECONDS);

    assertThat(cron.history("ReminderJobs.remind", 5)).containsExactly(run);
    var redis = app.get(dev.errand.core.ErrandRedis.class).commands();
    redis.del(redis.keys(prefix + ":*").toArray(String[]::new));
  }

  @Test
  void shouldPruneHistoryPastTheRetentionWithTheBuiltInJob() throws Exception {
    Settings settings =
        settings(
            "CRON_ENABLED", "false",
            "CRON_HISTORY_RETENTION", "7d",
            "CRON_HISTORY_RETENTION_SCHEDULE", "@daily");
    MutableClock clock = MutableClock.at("2026-11-01T12:00:00Z");
    start(
        settings,
        new DispatcherAdapter(),
        new CronAdapter(CronSettings.from(settings), SCANNED).withClock(clock));
    CronService cron = app.get(CronService.class);
    cron.trigger("ReminderJobs.remind").get(5, TimeUnit.SECONDS);
    clock.advance(Duration.ofDays(8));
    CronRun recent = cron.trigger("ReminderJobs.remind").get(5, TimeUnit.SECONDS);

    CronRun prune = cron.trigger("CronHistory.prune").get(5, TimeUnit.SECONDS);

    assertThat(prune.status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(cron.history("ReminderJobs.remind", 10)).containsExactly(recent);
    assertThat(cron.job("CronHistory.prune").expression()).isEqualTo("@daily");
  }
}
