package dev.errand.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.cron.backend.RedisApps;
import dev.errand.cron.fixtures.timing.TickTimes;
import dev.errand.queue.JobOptions;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueSettings;
import dev.errand.testsupport.TestServers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On the real clock, with the memory queue and with the Redis queue: the ticker adds a tick's job a
 * moment before the tick, so that it is in the queue when the tick comes, and the job must be held
 * until then. Every run's handler starts at or after the tick its job carries, never before.
 */
class ScheduledJobsNotEarlyTest {

  private final String prefix = TestServers.unique("errand-test:not-early");
  private final TickTimes.Runs runs = new TickTimes.Runs();
  private ErrandApp app;

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.stop();
    }
    RedisApps.deleteKeys(prefix);
  }

  @Test
  void shouldStartNoScheduledJobBeforeItsTickOnTheMemoryQueue() {
    tickAndCheck(Settings.of(Map.of()));
  }

  @Test
  void shouldStartNoScheduledJobBeforeItsTickOnTheRedisQueue() {
    tickAndCheck(RedisApps.settings(prefix));
  }

  private void tickAndCheck(Settings settings) {
    app =
        ErrandApp.builder()
            .settings(settings)
            .modules(binder -> binder.bind(TickTimes.Runs.class).toInstance(runs))
            .adapters(
                new QueueAdapter(QueueSettings.from(settings), "dev.errand.cron.fixtures.timing"),
                new CronAdapter(CronSettings.from(settings)))
            .shutdownHook(false)
            .start();
    JobSchedules schedules = app.get(JobSchedules.class);
    for (int i = 0; i < 20; i++) {
      schedules.upsert(
          "every-second:" + i,
          Recurrence.every(Duration.ofSeconds(1)),
          "tick-times",
          "run",
          "tick",
          JobOptions.defaults());
    }

    await().atMost(20, TimeUnit.SECONDS).until(() -> runs.all().size() >= 60);

    assertThat(runs.all())
        .allSatisfy(
            run ->
                assertThat(run.started())
                    .as("the run of the tick %s", run.tick())
                    .isAfterOrEqualTo(run.tick()));
  }
}
