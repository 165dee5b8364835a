package dev.errand.tck.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.cron.CronAdapter;
import dev.errand.cron.CronRun;
import dev.errand.cron.CronSettings;
import dev.errand.cron.RunStatus;
import dev.errand.cron.spi.CronStore;
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
import org.junit.jupiter.api.Test;

/**
 * Three applications, each with its own store over the same storage, run the same every-second job;
 * every tick must run exactly once, and a run longer than the lease stays the job's only run
 * because its instance renews the lease. Only for stores shared between processes (Redis, a
 * database). Subclass it with {@link #createStore()}.
 */
public abstract class CronClusterContract {

  private static final int TICKS = 6;
  private static final Duration LEASE = Duration.ofSeconds(2);

  private final List<ErrandApp> apps = new ArrayList<>();

  /**
   * A new store, with connections of its own, over the storage of this test: every call within a
   * test must reach the same ticks, as separate processes would, and no other test may see them.
   */
  protected abstract CronStore createStore();

  @AfterEach
  void stopApps() {
    apps.forEach(ErrandApp::stop);
  }

  private void start(Heartbeat.Listener listener) {
    apps.add(
        ErrandApp.builder()
            .settings(Settings.of(Map.of()))
            .modules(binder -> binder.bind(Heartbeat.Listener.class).toInstance(listener))
            .adapters(
                new CronAdapter(CronSettings.defaults().withShutdownGrace(Duration.ofSeconds(5)))
                    .withClasses(Heartbeat.class)
                    .withStore(createStore()))
            .shutdownHook(false)
            .start());
  }

  @Test
  void shouldKeepARunLongerThanItsLeaseAliveOnEveryInstanceByRenewingIt() {
    LongRun.Tally tally = new LongRun.Tally();
    List<CronStore> stores = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      CronStore store = createStore();
      stores.add(store);
      apps.add(
          ErrandApp.builder()
              .settings(Settings.of(Map.of()))
              .modules(binder -> binder.bind(LongRun.Tally.class).toInstance(tally))
              .adapters(
                  new CronAdapter(
                          CronSettings.defaults()
                              .withRunLease(LEASE)
                              .withShutdownGrace(Duration.ofSeconds(5)))
                      .withClasses(LongRun.class)
                      .withStore(store))
              .shutdownHook(false)
              .start());
    }

    await().atMost(30, TimeUnit.SECONDS).until(() -> tally.finished().get() >= 2);
    apps.forEach(ErrandApp::stop);

    assertThat(tally.mostAtOnce().get())
        .as("runs of %d ms with a %s lease never overlap", LongRun.RUN_MILLIS, LEASE)
        .isEqualTo(1);
    List<CronRun> history = stores.getFirst().history("LongRun.work", 100);
    assertThat(history).extracting(CronRun::status).contains(RunStatus.SKIPPED);
    assertThat(history)
        .as("no run was taken over as abandoned")
        .allSatisfy(run -> assertThat(run.error()).isNull());
  }

  @Test
  void shouldRunEachTickExactlyOnceAcrossThreeSchedulers() {
    Map<Instant, AtomicInteger> runsPerTick = new ConcurrentSkipListMap<>();
    Map<String, AtomicInteger> runsPerInstance = new ConcurrentHashMap<>();
    for (int i = 0; i < 3; i++) {
      String instance = "instance-" + i;
      start(
          tick -> {
            runsPerTick.computeIfAbsent(tick, t -> new AtomicInteger()).incrementAndGet();
            runsPerInstance.computeIfAbsent(instance, t -> new AtomicInteger()).incrementAndGet();
          });
    }

    // The applications start one after another; count the ticks all three contend for.
    Instant allStarted = Instant.now();
    await()
        .atMost(TICKS + 5, TimeUnit.SECONDS)
        .until(() -> runsPerTick.keySet().stream().filter(allStarted::isBefore).count() >= TICKS);
    apps.forEach(ErrandApp::stop);
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
