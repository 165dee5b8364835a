package dev.errand.cron.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.Settings;
import dev.errand.cron.CronRun;
import dev.errand.cron.CronSettings;
import dev.errand.cron.RunStatus;
import dev.errand.cron.backend.JdbcBackend;
import dev.errand.cron.backend.RedisBackend;
import dev.errand.cron.backend.StoreBackend;
import dev.errand.cron.internal.CronJob;
import dev.errand.cron.internal.CronScheduler;
import dev.errand.cron.internal.ScheduleParser;
import dev.errand.cron.spi.CronStore;
import dev.errand.testsupport.MutableClock;
import dev.errand.testsupport.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A process killed with SIGKILL mid-run blocks its job only until the stale threshold. */
class CrashRecoveryTest {

  private static final Duration STALE = Duration.ofMinutes(5);

  @Test
  void shouldRecoverFromAnInstanceKilledMidRunWithTheRedisLock() throws Exception {
    try (RedisBackend backend = new RedisBackend()) {
      recoverAfterCrash(backend, "redis", backend.prefix());
    }
  }

  @Test
  void shouldRecoverFromAnInstanceKilledMidRunWithTheJdbcLock() throws Exception {
    try (JdbcBackend backend = JdbcBackend.postgres()) {
      recoverAfterCrash(backend, "postgres", backend.schema());
    }
  }

  private void recoverAfterCrash(StoreBackend backend, String kind, String where) throws Exception {
    String jobId = TestServers.unique("Sync.repository");
    Instant crashedTick = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    CronStore store = backend.newStore();
    store.prepare(List.of(jobId));
    Process child = startChild(kind, where, jobId, crashedTick);
    try {
      await().atMost(30, TimeUnit.SECONDS).until(() -> !store.history(jobId, 1).isEmpty());
    } finally {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    CronRun orphan = store.history(jobId, 1).getFirst();
    assertThat(orphan.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(orphan.instance()).isEqualTo("doomed-instance");

    MutableClock clock = new MutableClock(orphan.startedAt().plus(STALE).minusSeconds(1));
    CronJob job =
        new CronJob(
            jobId,
            "Sync#repository",
            "sync",
            new ScheduleParser(Settings.of(Map.of())).parse("@every 1s", "UTC"),
            "UTC",
            false,
            true,
            context -> {});
    CronScheduler survivor =
        new CronScheduler(
            CronSettings.defaults().withStaleAfter(STALE), List.of(job), store, clock, "survivor");
    try {
      assertThat(survivor.fire(job, crashedTick.plusSeconds(1), false)).isNull();

      clock.advance(Duration.ofSeconds(1));
      CronRun run = survivor.fire(job, crashedTick.plusSeconds(2), false);

      assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
      CronRun recovered = store.history(jobId, 10).getLast();
      assertThat(recovered.scheduledAt()).isEqualTo(crashedTick);
      assertThat(recovered.status()).isEqualTo(RunStatus.FAILURE);
      assertThat(recovered.error()).contains("Stale");
    } finally {
      survivor.stop();
    }
  }

  private static Process startChild(String kind, String where, String jobId, Instant tick)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            CrashingInstance.class.getName(),
            kind,
            where,
            jobId,
            tick.toString())
        .redirectErrorStream(true)
        .redirectOutput(Path.of("target", "crash-child-" + jobId + ".log").toFile())
        .start();
  }
}
