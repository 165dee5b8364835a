package dev.errand.cron.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.cron.CronRun;
import dev.errand.cron.CronSettings;
import dev.errand.cron.RunStatus;
import dev.errand.cron.backend.JdbcBackend;
import dev.errand.cron.backend.RedisBackend;
import dev.errand.cron.backend.StoreBackend;
import dev.errand.cron.internal.CronJob;
import dev.errand.cron.internal.CronScheduler;
import dev.errand.cron.spi.CronStore;
import dev.errand.testsupport.ChildJvm;
import dev.errand.testsupport.TestServers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A process killed with SIGKILL mid-run blocks its job only until its lease runs out, not for
 * {@code CRON_STALE_AFTER} (left at its hour here): while it lives and renews, the survivor skips;
 * once it is dead, the survivor's next tick runs within the lease. The shared stores only: the
 * local store lives in the process, so a killed instance takes its runs with it and nothing is left
 * to block.
 */
class CrashRecoveryTest {

  private static final Duration LEASE = CrashingInstance.LEASE;

  @Test
  void shouldRunTheNextTickWithinTheLeaseAfterTheRunnerIsKilledWithTheRedisStore() {
    try (RedisBackend backend = new RedisBackend()) {
      recoverAfterKill(backend, "redis", backend.prefix());
    }
  }

  @Test
  void shouldRunTheNextTickWithinTheLeaseAfterTheRunnerIsKilledWithThePostgresStore() {
    try (JdbcBackend backend = JdbcBackend.postgres()) {
      recoverAfterKill(backend, "postgres", backend.schema());
    }
  }

  private void recoverAfterKill(StoreBackend backend, String kind, String where) {
    String jobId = TestServers.unique("Sync.repository");
    Instant crashedTick = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    CronStore store = backend.newStore();
    store.prepare(List.of(jobId));
    CronJob job = CrashingInstance.job(jobId, context -> {});
    CronScheduler survivor =
        new CronScheduler(
            CronSettings.defaults().withRunLease(LEASE),
            List.of(job),
            store,
            Clock.systemUTC(),
            "survivor");
    AtomicReference<Instant> tick = new AtomicReference<>(crashedTick);
    try (ChildJvm child =
        ChildJvm.start(CrashingInstance.class, kind, where, jobId, crashedTick.toString())) {
      await()
          .atMost(60, TimeUnit.SECONDS)
          .until(() -> !store.history(jobId, 1).isEmpty() || !child.isAlive());
      assertThat(child.isAlive()).as("the child runs: %s", child.logTail()).isTrue();
      CronRun orphan = store.history(jobId, 1).getFirst();
      assertThat(orphan.status()).isEqualTo(RunStatus.RUNNING);
      assertThat(orphan.instance()).isEqualTo("doomed-instance");

      // For two leases the living child's renewals keep every tick of the survivor skipped.
      Instant twoLeases = orphan.startedAt().plus(LEASE.multipliedBy(2));
      await()
          .atMost(30, TimeUnit.SECONDS)
          .pollInterval(200, TimeUnit.MILLISECONDS)
          .until(
              () -> {
                assertThat(survivor.fire(job, tick.updateAndGet(t -> t.plusSeconds(1)), false))
                    .as("a tick while the child lives and renews")
                    .isNull();
                return Instant.now().isAfter(twoLeases);
              });

      child.kill();
    }
    Instant killed = Instant.now();
    AtomicReference<CronRun> recovered = new AtomicReference<>();
    await()
        .atMost(LEASE.plusSeconds(10))
        .pollInterval(100, TimeUnit.MILLISECONDS)
        .until(
            () -> {
              recovered.set(survivor.fire(job, tick.updateAndGet(t -> t.plusSeconds(1)), false));
              return recovered.get() != null;
            });
    try {
      assertThat(recovered.get().status()).isEqualTo(RunStatus.SUCCESS);
      assertThat(Duration.between(killed, recovered.get().startedAt()))
          .as("the survivor ran within the lease of the kill, not CRON_STALE_AFTER")
          .isLessThanOrEqualTo(LEASE.plusSeconds(1));
      CronRun dead = store.history(jobId, 1000).getLast();
      assertThat(dead.scheduledAt()).isEqualTo(crashedTick);
      assertThat(dead.status()).isEqualTo(RunStatus.FAILURE);
      assertThat(dead.error()).contains("Abandoned").contains("CRON_RUN_LEASE");
    } finally {
      survivor.stop();
    }
  }
}
