package dev.errand.cron.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisSettings;
import dev.errand.core.Settings;
import dev.errand.cron.CronAdapter;
import dev.errand.cron.CronSettings;
import dev.errand.cron.backend.RedisApps;
import dev.errand.cron.fixtures.reports.Received;
import dev.errand.cron.internal.schedules.RedisScheduleStore;
import dev.errand.cron.spi.StoredSchedule;
import dev.errand.queue.JobOptions;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueSettings;
import dev.errand.queue.spi.JobInterceptor;
import dev.errand.testsupport.ChildJvm;
import dev.errand.testsupport.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An instance killed with SIGKILL after claiming a schedule's tick and before adding its job does
 * not take the tick with it: once the claim's lease ends, a surviving instance adds the job, once.
 */
class ScheduleCrashTest {

  private static final Duration LEASE = TickClaimingInstance.LEASE;

  private final String prefix = TestServers.unique("errand-test:schedule-crash");
  private final ErrandRedis redis =
      new ErrandRedis(RedisSettings.from(Settings.of(Map.of("REDIS_URL", TestServers.redisUrl()))));
  private final Received received = new Received();
  private final Map<String, Integer> adds = new ConcurrentHashMap<>();
  private ErrandApp survivor;

  @AfterEach
  void cleanUp() {
    if (survivor != null) {
      survivor.stop();
    }
    List<String> keys = redis.commands().keys(prefix + "*");
    if (!keys.isEmpty()) {
      redis.commands().del(keys.toArray(String[]::new));
    }
    redis.close();
  }

  @Test
  void shouldAddATickClaimedByAKilledInstanceOnceAfterTheLease() {
    String id = "report:doomed";
    String marker = prefix + ":cron:adding";
    String jobId;
    try (ChildJvm child =
        ChildJvm.start(TickClaimingInstance.class, TestServers.redisUrl(), prefix + ":cron", id)) {
      await()
          .atMost(60, TimeUnit.SECONDS)
          .until(() -> redis.commands().get(marker) != null || !child.isAlive());
      assertThat(child.isAlive()).as("the child ticks: %s", child.logTail()).isTrue();
      jobId = redis.commands().get(marker);
      child.kill();
    }
    assertThat(jobId).startsWith("schedule:" + id + "@");
    Instant tick =
        Instant.ofEpochMilli(Long.parseLong(jobId.substring(jobId.lastIndexOf('@') + 1)));
    RedisScheduleStore store = new RedisScheduleStore(redis, prefix + ":cron");
    StoredSchedule claimed = store.get(id).orElseThrow();
    assertThat(claimed.runs()).as("the child claimed the tick").isEqualTo(1);
    assertThat(claimed.nextRun()).as("its one tick claimed: none left").isNull();
    survivor = startSurvivor();
    Instant started = Instant.now();

    await()
        .atMost(LEASE.multipliedBy(2).plusSeconds(10))
        .until(() -> !received.of("doomed").isEmpty());
    Received.Report report = received.of("doomed").getFirst();
    assertThat(report.jobId()).isEqualTo(jobId);
    assertThat(report.scheduledAt()).isEqualTo(tick);
    assertThat(Duration.between(started, Instant.now()))
        .as("taken over within a lease and a quarter of the survivor's start, and run")
        .isLessThan(LEASE.plus(LEASE.dividedBy(4)).plusSeconds(5));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> received.of("doomed").size() == 1 && adds.get(jobId) == 1);
    assertThat(store.takeOver(Instant.now().plusSeconds(3600), Instant.now(), 10))
        .as("the tick is settled")
        .isEmpty();
  }

  private ErrandApp startSurvivor() {
    Settings settings =
        RedisApps.settings(prefix, "CRON_RUN_LEASE", Long.toString(LEASE.toMillis()));
    JobInterceptor countAdds =
        new JobInterceptor() {
          @Override
          public JobOptions onAdd(String queue, String name, JobOptions options) {
            options.jobId().ifPresent(jobId -> adds.merge(jobId, 1, Integer::sum));
            return options;
          }
        };
    return ErrandApp.builder()
        .settings(settings)
        .modules(binder -> binder.bind(Received.class).toInstance(received))
        .adapters(
            new QueueAdapter(QueueSettings.from(settings), "dev.errand.cron.fixtures.reports")
                .withInterceptor(countAdds),
            new CronAdapter(CronSettings.from(settings)))
        .shutdownHook(false)
        .start();
  }
}
