package dev.errand.cron.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.Settings;
import dev.errand.cron.CronSettings;
import dev.errand.cron.backend.StoreBackend;
import dev.errand.cron.internal.CronJob;
import dev.errand.cron.internal.CronScheduler;
import dev.errand.cron.internal.ScheduleParser;
import dev.errand.testsupport.TestServers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three schedulers, each on its own connection to a shared store, fire the same every-second job;
 * every tick must run exactly once.
 */
abstract class ExactlyOnceContract {

  private static final int TICKS = 6;

  private final List<CronScheduler> schedulers = new ArrayList<>();
  private StoreBackend backend;

  /** A fresh backend for one test. */
  abstract StoreBackend newBackend();

  @BeforeEach
  void openBackend() {
    backend = newBackend();
  }

  @AfterEach
  void stopSchedulers() {
    schedulers.forEach(CronScheduler::stop);
    backend.close();
  }

  @Test
  void shouldRunEachTickExactlyOnceAcrossThreeSchedulers() {
    String jobId = TestServers.unique("Heartbeat.beat");
    Map<Instant, AtomicInteger> runsPerTick = new ConcurrentSkipListMap<>();
    Map<String, AtomicInteger> runsPerInstance = new ConcurrentHashMap<>();
    for (int i = 0; i < 3; i++) {
      String instance = "instance-" + i;
      CronJob job =
          new CronJob(
              jobId,
              "Heartbeat#beat",
              "beat",
              new ScheduleParser(Settings.of(Map.of())).parse("@every 1s", "UTC"),
              "UTC",
              false,
              true,
              context -> {
                runsPerTick
                    .computeIfAbsent(context.scheduledAt(), t -> new AtomicInteger())
                    .incrementAndGet();
                runsPerInstance
                    .computeIfAbsent(instance, t -> new AtomicInteger())
                    .incrementAndGet();
              });
      CronScheduler scheduler =
          new CronScheduler(
              CronSettings.defaults().withShutdownGrace(Duration.ofSeconds(5)),
              List.of(job),
              backend.newStore(),
              Clock.systemUTC(),
              instance);
      scheduler.prepare();
      schedulers.add(scheduler);
    }

    schedulers.forEach(CronScheduler::start);

    await().atMost(TICKS + 5, TimeUnit.SECONDS).until(() -> runsPerTick.size() >= TICKS);
    schedulers.forEach(CronScheduler::stop);
    assertThat(runsPerTick.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    List<Instant> ticks = List.copyOf(runsPerTick.keySet());
    for (int i = 1; i < ticks.size(); i++) {
      assertThat(Duration.between(ticks.get(i - 1), ticks.get(i)))
          .as("ticks run without gaps")
          .isEqualTo(Duration.ofSeconds(1));
    }
    assertThat(runsPerInstance.values().stream().mapToInt(AtomicInteger::get).sum())
        .isEqualTo(ticks.size());
  }
}
