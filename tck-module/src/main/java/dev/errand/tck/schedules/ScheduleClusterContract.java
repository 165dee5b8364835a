package dev.errand.tck.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.cron.CronAdapter;
import dev.errand.cron.CronSettings;
import dev.errand.cron.JobSchedules;
import dev.errand.cron.Recurrence;
import dev.errand.cron.spi.ScheduleStore;
import dev.errand.queue.JobOptions;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueSettings;
import dev.errand.testsupport.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three applications, each ticking runtime schedules through a store of its own over the same
 * storage (and adding the jobs to a memory queue of its own): every tick of every schedule must add
 * exactly one job across them, and a removed schedule none. Subclass it with {@link
 * #createStore()}.
 */
public abstract class ScheduleClusterContract {

  private static final int SCHEDULES = 5;
  private static final int TICKS = 3;

  /** Schedules due at the same moments: several batches, claimed a few at once by each instance. */
  private static final int BURST = 600;

  private final List<ErrandApp> apps = new ArrayList<>();
  private final TickRecorder.Runs runs = new TickRecorder.Runs();

  /**
   * A new store, with connections of its own, over the storage of this test, as separate processes
   * would have; a store that holds its state in the process may return the same instance.
   */
  protected abstract ScheduleStore createStore();

  @AfterEach
  void stopApps() {
    apps.forEach(ErrandApp::stop);
  }

  private JobSchedules start() {
    Settings settings = Settings.of(Map.of());
    ErrandApp app =
        ErrandApp.builder()
            .settings(settings)
            .modules(binder -> binder.bind(TickRecorder.Runs.class).toInstance(runs))
            .adapters(
                new QueueAdapter(QueueSettings.from(settings)).withClasses(TickRecorder.class),
                new CronAdapter(CronSettings.from(settings)).withScheduleStore(createStore()))
            .shutdownHook(false)
            .start();
    apps.add(app);
    return app.get(JobSchedules.class);
  }

  @Test
  void shouldAddEachTickOfEachScheduleOnceAcrossThreeInstances() {
    String prefix = TestServers.unique("tenant") + ":";
    List<JobSchedules> instances = List.of(start(), start(), start());
    for (JobSchedules schedules : instances) {
      for (int i = 0; i < SCHEDULES; i++) {
        schedules.upsert(
            prefix + i,
            Recurrence.every(Duration.ofSeconds(1)),
            "schedule-contract",
            "tick",
            Map.of("schedule", prefix + i),
            JobOptions.defaults());
      }
    }
    // Its first tick is two seconds away, so it is removed before it can tick.
    instances
        .getFirst()
        .upsert(
            prefix + "removed",
            Recurrence.every(Duration.ofSeconds(1)).startingAt(Instant.now().plusSeconds(2)),
            "schedule-contract",
            "tick",
            Map.of("schedule", prefix + "removed"),
            JobOptions.defaults());
    assertThat(instances.get(2).remove(prefix + "removed")).isTrue();

    await()
        .atMost(TICKS + 10, TimeUnit.SECONDS)
        .until(
            () -> {
              for (int i = 0; i < SCHEDULES; i++) {
                if (runs.ticksOf(prefix + i) < TICKS) {
                  return false;
                }
              }
              return true;
            });
    apps.forEach(ErrandApp::stop);

    assertThat(instances.getFirst().list(prefix, null, 100).schedules()).hasSize(SCHEDULES);
    for (int i = 0; i < SCHEDULES; i++) {
      Map<Instant, AtomicInteger> ticks = runs.bySchedule.get(prefix + i);
      assertThat(ticks.values())
          .as("schedule %d: each tick once", i)
          .allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    }
    assertThat(runs.bySchedule).doesNotContainKey(prefix + "removed");
  }

  @Test
  void shouldAddEachTickOfABurstOnceAcrossThreeInstances() {
    String prefix = TestServers.unique("burst") + ":";
    List<JobSchedules> instances = List.of(start(), start(), start());
    // Interval ticks fall on multiples of the interval, so every schedule ticks at the same
    // moments; the first a little later, so that the upserts are done by then.
    Instant first = Instant.now().plusSeconds(8);
    for (int i = 0; i < BURST; i++) {
      instances
          .get(i % 3)
          .upsert(
              prefix + i,
              Recurrence.every(Duration.ofSeconds(2)).startingAt(first),
              "schedule-contract",
              "tick",
              Map.of("schedule", prefix + i),
              JobOptions.defaults());
    }

    await()
        .atMost(40, TimeUnit.SECONDS)
        .until(
            () -> {
              for (int i = 0; i < BURST; i++) {
                if (runs.ticksOf(prefix + i) < 2) {
                  return false;
                }
              }
              return true;
            });
    apps.forEach(ErrandApp::stop);

    for (int i = 0; i < BURST; i++) {
      assertThat(runs.bySchedule.get(prefix + i).values())
          .as("schedule %d: each tick once", i)
          .allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    }
  }
}
