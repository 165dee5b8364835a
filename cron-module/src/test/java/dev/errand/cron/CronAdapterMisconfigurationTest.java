package dev.errand.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.core.ErrandStartupException;
import dev.errand.core.Settings;
import dev.errand.cron.fixtures.DispatcherAdapter;
import dev.errand.cron.fixtures.invalid.BadExpressionJobs;
import dev.errand.cron.fixtures.invalid.BadParameterJobs;
import dev.errand.cron.fixtures.invalid.BadZoneJobs;
import dev.errand.testsupport.RedisServerProcess;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * What the cron layer refuses before anything runs (a job method it cannot schedule, a setting it
 * cannot read, a store it cannot reach, an adapter listed before the one its jobs need) and that
 * each refusal names what is at fault, plus the former setting name it still reads. Apart from
 * {@link CronAdapterTest} because none of these gets as far as a running application.
 */
class CronAdapterMisconfigurationTest extends CronAdapterTestBase {

  @Test
  void shouldFailStartWhenListedBeforeTheAdapterItsJobsDependOn() {
    assertThatThrownBy(
            () ->
                start(
                    settings(),
                    new CronAdapter(CronSettings.defaults(), SCANNED),
                    new DispatcherAdapter()))
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining("CronAdapter")
        .hasMessageContaining("DispatcherAdapter");
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertStartFails(Class<?> jobs) {
    return assertThatThrownBy(
            () -> start(settings(), new CronAdapter(CronSettings.defaults()).withClasses(jobs)))
        .isInstanceOf(ErrandStartupException.class);
  }

  /** The failure of starting the scanned jobs' application with {@code settings}. */
  private AbstractThrowableAssert<?, ? extends Throwable> assertStartFails(Settings settings) {
    return assertThatThrownBy(
            () ->
                start(
                    settings,
                    new DispatcherAdapter(),
                    new CronAdapter(CronSettings.from(settings), SCANNED)))
        .isInstanceOf(ErrandStartupException.class);
  }

  @Test
  void shouldFailStartNamingTheMethodAndTheBadExpression() {
    assertStartFails(BadExpressionJobs.class)
        .hasMessageContaining("CronAdapter failed to start")
        .hasMessageContaining(BadExpressionJobs.class.getName() + "#broken")
        .hasMessageContaining("\"0 9 * *\"");
  }

  @Test
  void shouldFailStartNamingTheMethodAndTheBadZone() {
    assertStartFails(BadZoneJobs.class)
        .hasMessageContaining(BadZoneJobs.class.getName() + "#martianMorning")
        .hasMessageContaining("Mars/Olympus_Mons");
  }

  @Test
  void shouldFailStartNamingTheMethodWithUnsupportedParameters() {
    assertStartFails(BadParameterJobs.class)
        .hasMessageContaining(BadParameterJobs.class.getName() + "#withArgument")
        .hasMessageContaining("one CronContext");
  }

  @Test
  void shouldFailStartNamingTheSettingOfAMisconfiguredSchedule() {
    Settings settings = settings("FIXTURE_REPORT_SCHEDULE", "every day");

    assertStartFails(settings)
        .hasMessageContaining("ReminderJobs#report")
        .hasMessageContaining("FIXTURE_REPORT_SCHEDULE")
        .hasMessageContaining("\"every day\"");
  }

  @Test
  void shouldStillReadTheFormerNameCronLock() {
    assertThat(CronSettings.from(settings("CRON_LOCK", "jdbc")).store())
        .isEqualTo(CronSettings.Store.JDBC);
    assertThat(CronSettings.from(settings("CRON_LOCK", "jdbc", "CRON_STORE", "redis")).store())
        .isEqualTo(CronSettings.Store.REDIS);
    assertThatThrownBy(() -> CronSettings.from(settings("CRON_LOCK", "zookeeper")))
        .hasMessageContaining("Setting CRON_LOCK has the invalid value 'zookeeper'");
  }

  @Test
  void shouldRejectAnInvalidStoreSetting() {
    assertThatThrownBy(() -> CronSettings.from(settings("CRON_STORE", "zookeeper")))
        .hasMessageContaining("CRON_STORE")
        .hasMessageContaining("zookeeper")
        .hasMessageContaining("local, redis, jdbc");
  }

  @Test
  void shouldFailToStartNamingRedisWhenTheRedisStoreDoesNotAnswer() throws Exception {
    Settings settings =
        settings(
            "CRON_STORE",
            "redis",
            "REDIS_URL",
            "redis://127.0.0.1:" + RedisServerProcess.freePort());

    assertStartFails(settings)
        .hasMessageContaining("CronAdapter (CRON_STORE=redis) needs Redis")
        .hasMessageContaining("REDIS_START_DEGRADED=true");
  }

  @Test
  void shouldRequireADataSourceForTheJdbcStore() {
    Settings settings = settings("CRON_STORE", "jdbc");

    assertStartFails(settings)
        .hasMessageContaining("CronAdapter")
        .hasMessageContaining("DataSource");
  }

  @Test
  void shouldFailStartNamingABadRetentionSchedule() {
    Settings settings = settings("CRON_HISTORY_RETENTION_SCHEDULE", "nightly");

    assertStartFails(settings)
        .hasMessageContaining("CRON_HISTORY_RETENTION_SCHEDULE")
        .hasMessageContaining("\"nightly\"");
  }
}
