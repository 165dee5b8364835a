package dev.errand.cron.internal;

import dev.errand.core.Settings;
import dev.errand.cron.CronContext;
import dev.errand.cron.CronSettings;
import dev.errand.cron.internal.local.LocalCronStore;
import dev.errand.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;

/**
 * The scheduler as its test classes build it: over the in-memory store, on a clock the test moves,
 * with jobs that record each call. Several classes cover the scheduler, one behaviour each, and
 * they must build it the same way for their results to compare; each test stops its scheduler.
 */
abstract class CronSchedulerTestBase {

  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  final MutableClock clock = new MutableClock(NOW);
  final LocalCronStore store = new LocalCronStore();
  final List<CronContext> calls = new CopyOnWriteArrayList<>();
  CronSettings settings =
      CronSettings.defaults()
          .withStaleAfter(Duration.ofMinutes(30))
          .withShutdownGrace(Duration.ofSeconds(5));
  CronScheduler scheduler;
  CronControl control;

  @AfterEach
  void stopScheduler() {
    if (scheduler != null) {
      scheduler.stop();
    }
  }

  CronJob job(String id, String schedule, boolean runMissed, CronJob.Body body) {
    Schedule parsed = new ScheduleParser(Settings.of(Map.of())).parse(schedule, "UTC");
    return new CronJob(id, "Test#" + id, "test job " + id, parsed, "UTC", runMissed, true, body);
  }

  CronJob recording(String id, String schedule, boolean runMissed) {
    return job(id, schedule, runMissed, calls::add);
  }

  CronScheduler scheduler(CronJob... jobs) {
    scheduler = new CronScheduler(settings, List.of(jobs), store, clock, "test-instance");
    scheduler.prepare();
    control = new CronControl(scheduler);
    return scheduler;
  }
}
