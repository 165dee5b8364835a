package dev.errand.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.cron.backend.RedisApps;
import dev.errand.cron.fixtures.reports.Received;
import dev.errand.cron.fixtures.reports.ReportRequest;
import dev.errand.queue.JobOptions;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueSettings;
import dev.errand.testsupport.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three instances on one Redis upsert the same schedules at the same moment, as every instance of
 * an application does at start: they converge on one schedule each, and every tick adds one job.
 */
class JobSchedulesClusterTest {

  private static final int SCHEDULES = 20;
  private static final int TICKS = 4;
  private static final Duration EVERY = Duration.ofSeconds(2);

  private final String prefix = TestServers.unique("errand-test:schedules");
  private final Received received = new Received();
  private final List<ErrandApp> apps = new ArrayList<>();

  @AfterEach
  void stopApps() {
    apps.forEach(ErrandApp::stop);
    RedisApps.deleteKeys(prefix);
  }

  private ErrandApp start() {
    Settings settings = RedisApps.settings(prefix);
    ErrandApp app =
        ErrandApp.builder()
            .settings(settings)
            .modules(binder -> binder.bind(Received.class).toInstance(received))
            .adapters(
                new QueueAdapter(QueueSettings.from(settings), "dev.errand.cron.fixtures.reports"),
                new CronAdapter(CronSettings.from(settings)))
            .shutdownHook(false)
            .start();
    apps.add(app);
    return app;
  }

  @Test
  void shouldConvergeOnOneScheduleAndAddEachTickOnceAcrossThreeInstances() {
    List<JobSchedules> instances =
        IntStream.range(0, 3).mapToObj(i -> start().get(JobSchedules.class)).toList();

    Instant upserted = Instant.now();
    CompletableFuture.allOf(
            instances.stream()
                .map(
                    schedules ->
                        CompletableFuture.runAsync(
                            () -> {
                              for (int i = 0; i < SCHEDULES; i++) {
                                schedules.upsert(
                                    "report:" + i,
                                    Recurrence.every(EVERY),
                                    "reports",
                                    "send-report",
                                    new ReportRequest("c" + i),
                                    JobOptions.defaults());
                              }
                            }))
                .toArray(CompletableFuture[]::new))
        .join();

    assertThat(instances.getFirst().list("report:", null, 100).schedules()).hasSize(SCHEDULES);
    await()
        .atMost(EVERY.multipliedBy(TICKS + 4).toSeconds(), TimeUnit.SECONDS)
        .until(
            () ->
                IntStream.range(0, SCHEDULES).allMatch(i -> received.of("c" + i).size() >= TICKS));
    apps.forEach(ErrandApp::stop);

    for (int i = 0; i < SCHEDULES; i++) {
      List<Instant> ticks =
          received.of("c" + i).stream().map(Received.Report::scheduledAt).sorted().toList();
      assertThat(ticks).as("schedule %d: each tick once", i).doesNotHaveDuplicates();
      assertThat(ticks.getFirst()).isAfter(upserted.minus(EVERY));
      for (int t = 1; t < ticks.size(); t++) {
        assertThat(Duration.between(ticks.get(t - 1), ticks.get(t)))
            .as("schedule %d: no tick lost", i)
            .isEqualTo(EVERY);
      }
    }
    Map<String, Long> byJobId =
        received.all().stream()
            .collect(Collectors.groupingBy(Received.Report::jobId, Collectors.counting()));
    assertThat(byJobId.values()).allMatch(count -> count == 1);
  }
}
