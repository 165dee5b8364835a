package dev.errand.tck.cron;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.cron.CronRun;
import dev.errand.cron.RunStatus;
import dev.errand.cron.spi.ClaimOutcome;
import dev.errand.cron.spi.CronStore;
import dev.errand.cron.spi.TickClaim;
import dev.errand.testsupport.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CronStore} must do: claim each tick once, skip while a run is going, take over
 * from runs whose lease ran out (their instance died) and from stale ones (alive but hung), keep
 * history, pause. Subclass it with {@link #createStore()}.
 */
public abstract class CronStoreContract {

  private static final Duration STALE = Duration.ofMinutes(10);
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final Instant T1 = Instant.parse("2026-11-22T09:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-22T09:01:00Z");
  private static final Instant T3 = Instant.parse("2026-11-22T09:02:00Z");

  private CronStore store;
  private String job;
  private String otherJob;

  /**
   * A store over the storage of this test: every call within a test must reach the same ticks and
   * history, as the stores of an application's separate instances do, and no other test may see
   * them. A store that holds its state in the process may return the same instance each time.
   */
  protected abstract CronStore createStore();

  @BeforeEach
  void prepareStore() {
    store = createStore();
    job = TestServers.unique("Reports.daily");
    otherJob = TestServers.unique("Reports.weekly");
    store.prepare(List.of(job, otherJob));
  }

  private static TickClaim claim(String jobId, Instant tick, Instant now, String instance) {
    return new TickClaim(jobId, tick, now, STALE, LEASE, instance, false);
  }

  @Test
  void shouldLetTheFirstClaimOfATickRunIt() {
    assertThat(store.claim(claim(job, T1, T1, "a"))).isEqualTo(ClaimOutcome.RUN);

    List<CronRun> history = store.history(job, 10);
    assertThat(history).hasSize(1);
    CronRun run = history.getFirst();
    assertThat(run.jobId()).isEqualTo(job);
    assertThat(run.scheduledAt()).isEqualTo(T1);
    assertThat(run.startedAt()).isEqualTo(T1);
    assertThat(run.finishedAt()).isNull();
    assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(run.instance()).isEqualTo("a");
  }

  @Test
  void shouldReportATickAlreadyClaimedAsTaken() {
    store.claim(claim(job, T1, T1, "a"));

    assertThat(store.claim(claim(job, T1, T1.plusMillis(5), "b"))).isEqualTo(ClaimOutcome.TAKEN);
    assertThat(store.history(job, 10)).hasSize(1);
  }

  @Test
  void shouldSkipATickWhileAnotherRunOfTheJobIsGoing() {
    store.claim(claim(job, T1, T1, "a"));

    assertThat(store.claim(claim(job, T2, T2, "b"))).isEqualTo(ClaimOutcome.SKIPPED);

    CronRun skipped = store.history(job, 1).getFirst();
    assertThat(skipped.scheduledAt()).isEqualTo(T2);
    assertThat(skipped.status()).isEqualTo(RunStatus.SKIPPED);
    assertThat(skipped.instance()).isEqualTo("b");
    assertThat(store.claim(claim(job, T2, T2, "c"))).isEqualTo(ClaimOutcome.TAKEN);
  }

  @Test
  void shouldRunTheNextTickOnceTheRunHasFinished() {
    store.claim(claim(job, T1, T1, "a"));
    store.finish(job, T1, RunStatus.SUCCESS, T1.plusSeconds(3), null);

    assertThat(store.claim(claim(job, T2, T2, "a"))).isEqualTo(ClaimOutcome.RUN);
    CronRun first = store.history(job, 10).get(1);
    assertThat(first.status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(first.finishedAt()).isEqualTo(T1.plusSeconds(3));
    assertThat(first.duration()).contains(Duration.ofSeconds(3));
    assertThat(first.error()).isNull();
  }

  @Test
  void shouldRecordAFailureWithItsError() {
    store.claim(claim(job, T1, T1, "a"));
    store.finish(job, T1, RunStatus.FAILURE, T1.plusMillis(250), "java.io.IOException: disk full");

    CronRun run = store.history(job, 1).getFirst();
    assertThat(run.status()).isEqualTo(RunStatus.FAILURE);
    assertThat(run.error()).isEqualTo("java.io.IOException: disk full");
    assertThat(run.duration()).contains(Duration.ofMillis(250));
  }

  /** Renews the run of {@code tick} every minute (within the lease) up to {@code until}. */
  private void keepRenewing(Instant tick, Instant until) {
    for (Instant at = tick.plusSeconds(60); at.isBefore(until); at = at.plusSeconds(60)) {
      assertThat(store.renew(job, tick, at)).as("renewed at %s", at).isTrue();
    }
  }

  @Test
  void shouldTakeOverFromARunThatWentStaleThoughItKeptRenewing() {
    store.claim(claim(job, T1, T1, "hung"));

    Instant later = T1.plus(STALE);
    keepRenewing(T1, later);
    assertThat(store.claim(claim(job, T2, later, "b"))).isEqualTo(ClaimOutcome.RUN);

    CronRun abandoned = store.history(job, 10).get(1);
    assertThat(abandoned.scheduledAt()).isEqualTo(T1);
    assertThat(abandoned.status()).isEqualTo(RunStatus.FAILURE);
    assertThat(abandoned.finishedAt()).isEqualTo(later);
    assertThat(abandoned.error()).contains("Stale").contains("CRON_STALE_AFTER");
  }

  @Test
  void shouldStillSkipWhileTheRunIsYoungerThanTheThreshold() {
    store.claim(claim(job, T1, T1, "a"));

    Instant justBefore = T1.plus(STALE).minusMillis(1);
    keepRenewing(T1, justBefore);
    assertThat(store.claim(claim(job, T2, justBefore, "b"))).isEqualTo(ClaimOutcome.SKIPPED);
  }

  @Test
  void shouldTakeOverFromARunWhoseLeaseRanOut() {
    store.claim(claim(job, T1, T1, "killed"));

    assertThat(store.claim(claim(job, T2, T1.plus(LEASE).minusMillis(1), "b")))
        .isEqualTo(ClaimOutcome.SKIPPED);
    Instant expired = T1.plus(LEASE);
    assertThat(store.claim(claim(job, T3, expired, "b"))).isEqualTo(ClaimOutcome.RUN);

    CronRun dead = store.history(job, 10).get(2);
    assertThat(dead.scheduledAt()).isEqualTo(T1);
    assertThat(dead.status()).isEqualTo(RunStatus.FAILURE);
    assertThat(dead.finishedAt()).isEqualTo(expired);
    assertThat(dead.error()).contains("Abandoned").contains("CRON_RUN_LEASE");
  }

  @Test
  void shouldMeasureTheLeaseFromTheLatestRenewal() {
    store.claim(claim(job, T1, T1, "a"));
    Instant renewed = T1.plusSeconds(100);
    assertThat(store.renew(job, T1, renewed)).isTrue();

    assertThat(store.claim(claim(job, T2, renewed.plus(LEASE).minusMillis(1), "b")))
        .isEqualTo(ClaimOutcome.SKIPPED);
    assertThat(store.claim(claim(job, T3, renewed.plus(LEASE), "b"))).isEqualTo(ClaimOutcome.RUN);
  }

  @Test
  void shouldRenewOnlyARunThatIsStillGoing() {
    assertThat(store.renew(job, T1, T1)).as("never claimed").isFalse();
    store.claim(claim(job, T1, T1, "a"));
    store.finish(job, T1, RunStatus.SUCCESS, T1.plusSeconds(1), null);
    assertThat(store.renew(job, T1, T1.plusSeconds(2))).as("finished").isFalse();

    store.claim(claim(job, T2, T2, "slow"));
    store.claim(claim(job, T3, T2.plus(LEASE), "b"));
    assertThat(store.renew(job, T2, T2.plus(LEASE).plusSeconds(1))).as("taken over").isFalse();
    assertThat(store.renew(job, T3, T2.plus(LEASE).plusSeconds(1))).as("the new run").isTrue();
    assertThat(store.history(job, 10).get(1).status()).isEqualTo(RunStatus.FAILURE);
  }

  @Test
  void shouldLetTheSlowRunRecordItsEndAfterATakeOver() {
    store.claim(claim(job, T1, T1, "slow"));
    store.claim(claim(job, T2, T1.plus(LEASE), "b"));

    store.finish(job, T1, RunStatus.SUCCESS, T1.plus(LEASE).plusSeconds(1), null);

    // The newer run still counts as going.
    assertThat(store.claim(claim(job, T3, T1.plus(LEASE).plusSeconds(2), "c")))
        .isEqualTo(ClaimOutcome.SKIPPED);
  }

  @Test
  void shouldNotRunPausedJobsUnlessTriggeredByHand() {
    store.setPaused(job, true);

    assertThat(store.isPaused(job)).isTrue();
    assertThat(store.isPaused(otherJob)).isFalse();
    assertThat(store.claim(claim(job, T1, T1, "a"))).isEqualTo(ClaimOutcome.PAUSED);
    assertThat(store.history(job, 10)).isEmpty();
    assertThat(store.claim(new TickClaim(job, T2, T2, STALE, LEASE, "a", true)))
        .isEqualTo(ClaimOutcome.RUN);

    store.finish(job, T2, RunStatus.SUCCESS, T2, null);
    store.setPaused(job, false);
    assertThat(store.isPaused(job)).isFalse();
    assertThat(store.claim(claim(job, T3, T3, "a"))).isEqualTo(ClaimOutcome.RUN);
  }

  @Test
  void shouldListHistoryNewestTickFirstUpToTheLimit() {
    for (Instant tick : List.of(T1, T2, T3)) {
      store.claim(claim(job, tick, tick, "a"));
      store.finish(job, tick, RunStatus.SUCCESS, tick.plusSeconds(1), null);
    }

    assertThat(store.history(job, 2)).extracting(CronRun::scheduledAt).containsExactly(T3, T2);
    assertThat(store.history(job, 10)).extracting(CronRun::scheduledAt).containsExactly(T3, T2, T1);
  }

  @Test
  void shouldKeepJobsApart() {
    store.claim(claim(job, T1, T1, "a"));

    assertThat(store.claim(claim(otherJob, T1, T1, "a"))).isEqualTo(ClaimOutcome.RUN);
    assertThat(store.history(otherJob, 10)).hasSize(1);
  }

  @Test
  void shouldPruneFinishedRunsBeforeTheCutoffButKeepRunningOnes() {
    store.claim(claim(job, T1, T1, "a"));
    store.finish(job, T1, RunStatus.SUCCESS, T1, null);
    store.claim(claim(job, T2, T2, "a"));
    store.finish(job, T2, RunStatus.FAILURE, T2, "boom");
    store.claim(claim(job, T3, T3, "a"));

    assertThat(store.prune(job, T3.plusSeconds(1))).isEqualTo(2);

    assertThat(store.history(job, 10)).extracting(CronRun::scheduledAt).containsExactly(T3);
    assertThat(store.prune(job, T3.plusSeconds(1))).isZero();
  }

  @Test
  void shouldShareTicksBetweenStoresOnTheSameBackend() {
    CronStore second = createStore();
    second.prepare(List.of(job));

    assertThat(store.claim(claim(job, T1, T1, "a"))).isEqualTo(ClaimOutcome.RUN);
    assertThat(second.claim(claim(job, T1, T1, "b"))).isEqualTo(ClaimOutcome.TAKEN);
    assertThat(second.claim(claim(job, T2, T2, "b"))).isEqualTo(ClaimOutcome.SKIPPED);
  }
}
