package dev.errand.cron;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.core.ErrandApp;
import dev.errand.core.ErrandRedis;
import dev.errand.core.Settings;
import dev.errand.cron.fixtures.reports.Received;
import dev.errand.cron.fixtures.reports.ReportRequest;
import dev.errand.queue.JobOptions;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueSettings;
import dev.errand.testsupport.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two applications that keep their queues apart on one Redis with their own JOBS_KEY_PREFIX keep
 * their runtime schedules apart too. They used to share {@code errand:cron}, so one application's
 * ticker added the other's scheduled jobs to its own queues (a dashboard test's queue counted a job
 * it never added, from a schedule another test had left behind).
 */
class SchedulesKeptApartTest {

  private static ErrandApp app(String keyPrefix) {
    Settings settings = Settings.of(TestServers.redisQueue(keyPrefix));
    return ErrandApp.builder()
        .settings(settings)
        .modules(binder -> binder.bind(Received.class).toInstance(new Received()))
        .adapters(
            new QueueAdapter(QueueSettings.from(settings), "dev.errand.cron.fixtures.reports"),
            new CronAdapter(CronSettings.from(settings)))
        .shutdownHook(false)
        .start();
  }

  @Test
  void shouldKeepTheSchedulesOfApplicationsWithTheirOwnKeyPrefixApart() {
    String first = TestServers.unique("apart-a");
    String second = TestServers.unique("apart-b");
    ErrandApp a = app(first);
    ErrandApp b = app(second);
    try {
      a.get(JobSchedules.class)
          .upsert(
              "report:acme",
              Recurrence.every(Duration.ofHours(1)),
              "reports",
              "send-report",
              new ReportRequest("acme"),
              JobOptions.defaults());

      assertThat(a.get(JobSchedules.class).get("report:acme")).isPresent();
      assertThat(b.get(JobSchedules.class).get("report:acme")).isEmpty();
      assertThat(b.get(JobSchedules.class).list("", null, 10).schedules()).isEmpty();
      assertThat(CronSettings.from(Settings.of(Map.of("JOBS_KEY_PREFIX", first))).redisPrefix())
          .isEqualTo(first + ":cron");
      assertThat(CronSettings.from(Settings.of(Map.of())).redisPrefix()).isEqualTo("errand:cron");
    } finally {
      a.get(JobSchedules.class).remove("report:acme");
      var redis = a.get(ErrandRedis.class).commands();
      for (String prefix : List.of(first, second)) {
        List<String> keys = redis.keys(prefix + ":*");
        if (!keys.isEmpty()) {
          redis.del(keys.toArray(String[]::new));
        }
      }
      b.stop();
      a.stop();
    }
  }
}
