package dev.errand.queue.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.queue.Backoff;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobState;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import dev.errand.queue.Retention;
import dev.errand.testsupport.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every queue semantic, stated once and run against each backend by a short subclass. Jobs go to
 * the {@code contract} queue handled by {@link ContractProcessor}; each test uses its own key
 * prefix, so backends that share a server never see each other's jobs.
 */
public abstract class QueueContractTest {

  protected static final String QUEUE = "contract";

  protected final String prefix = TestServers.unique("errand-test");
  private final List<ErrandApp> apps = new ArrayList<>();

  /** The settings that select the backend under test. */
  protected abstract Map<String, String> backendSettings();

  /** An admin view of the backend that outlives {@code stopped}, to inspect it after a stop. */
  protected abstract QueueAdmin adminAfterStop(ErrandApp stopped);

  /** Short leases, intervals and backoffs, so the suites run quickly; keys under {@code prefix}. */
  static Map<String, String> fastSettings(String prefix) {
    Map<String, String> values = new HashMap<>();
    values.put("JOBS_KEY_PREFIX", prefix);
    values.put("JOBS_LEASE_DURATION", "1s");
    values.put("JOBS_STALLED_INTERVAL", "200ms");
    values.put("JOBS_SHUTDOWN_GRACE", "2s");
    values.put("JOBS_BACKOFF_DELAY", "20");
    return values;
  }

  protected ErrandApp start(Map<String, String> overrides) {
    Map<String, String> values = fastSettings(prefix);
    values.putAll(backendSettings());
    values.putAll(overrides);
    Settings settings = Settings.of(values);
    QueueAdapter adapter =
        new QueueAdapter(QueueSettings.from(settings))
            .processors(ContractProcessor.class)
            .backoffStrategy("linear", (attempt, error) -> Duration.ofMillis(60L * attempt));
    ErrandApp app =
        ErrandApp.builder().settings(settings).adapters(adapter).shutdownHook(false).start();
    apps.add(app);
    return app;
  }

  protected ErrandApp start() {
    return start(Map.of());
  }

  @AfterEach
  void stopApps() {
    for (ErrandApp app : apps) {
      app.get(Recorder.class).gate.countDown();
      app.stop();
    }
  }

  private static QueueService queue(ErrandApp app) {
    return app.get(QueueService.class);
  }

  private static QueueAdmin admin(ErrandApp app) {
    return app.get(QueueAdmin.class);
  }

  private static JobInfo awaitState(QueueAdmin admin, String id, JobState state) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> admin.job(QUEUE, id).map(JobInfo::state).orElse(null) == state);
    return admin.job(QUEUE, id).orElseThrow();
  }

  private static List<Long> gaps(List<Recorder.Run> runs) {
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < runs.size(); i++) {
      gaps.add(runs.get(i).startedAt() - runs.get(i - 1).startedAt());
    }
    return gaps;
  }

  @Test
  void shouldRunHigherPriorityFirstAndFifoWithinAPriority() {
    ErrandApp app = start(Map.of("JOBS_QUEUE_CONTRACT_CONCURRENCY", "1"));
    Recorder recorder = app.get(Recorder.class);
    QueueService queue = queue(app);
    queue.add(ContractProcessor.WORK, Work.gated("gate"));
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.runs.size() == 1);

    queue.add(ContractProcessor.WORK, Work.plain("low-1"));
    queue.add(
        ContractProcessor.WORK, Work.plain("high-1"), JobOptions.builder().priority(5).build());
    queue.add(ContractProcessor.WORK, Work.plain("low-2"));
    queue.add(
        ContractProcessor.WORK, Work.plain("high-2"), JobOptions.builder().priority(5).build());
    queue.add(ContractProcessor.WORK, Work.plain("mid"), JobOptions.builder().priority(2).build());
    queue.add(
        ContractProcessor.WORK, Work.plain("lowest"), JobOptions.builder().priority(-3).build());
    recorder.gate.countDown();

    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.finished.size() == 7);
    assertThat(recorder.keysInOrder())
        .containsExactly("gate", "high-1", "high-2", "mid", "low-1", "low-2", "lowest");
  }

  @Test
  void shouldRunAtMostTheQueuesConcurrencyAtOnce() {
    ErrandApp app = start(Map.of("JOBS_QUEUE_CONTRACT_CONCURRENCY", "3"));
    Recorder recorder = app.get(Recorder.class);
    for (int i = 0; i < 7; i++) {
      queue(app).add(ContractProcessor.WORK, Work.gated("gated-" + i));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.runs.size() == 3);
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> recorder.runs.size() == 3 && admin(app).counts(QUEUE).active() == 3);

    recorder.gate.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.finished.size() == 7);
  }

  @Test
  void shouldLeaseAheadOfQuickHandlersButRunAtMostTheConcurrencyAndReturnUnstartedJobsOnStop() {
    ErrandApp app = start(Map.of("JOBS_QUEUE_CONTRACT_CONCURRENCY", "1", "JOBS_PREFETCH", "3"));
    Recorder recorder = app.get(Recorder.class);
    QueueAdmin admin = admin(app);
    admin.pause(QUEUE);
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      jobs.add(ContractProcessor.WORK.job(Work.plain("quick-" + i)));
    }
    for (int i = 0; i < 5; i++) {
      jobs.add(ContractProcessor.WORK.job(Work.gated("slow-" + i)));
    }
    queue(app).addBulk(jobs);
    admin.resume(QUEUE);

    // Quick handlers and a backlog: the worker leases three jobs beyond its one slot, and they
    // wait there, unstarted, while slow-0 holds the slot.
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.runsOf("slow-0").size() == 1);
    await().atMost(Duration.ofSeconds(5)).until(() -> admin.counts(QUEUE).active() == 4);
    assertThat(admin.counts(QUEUE).waiting()).isEqualTo(1);
    assertThat(recorder.keysInOrder()).hasSize(41).endsWith("quick-39", "slow-0");
    assertThat(recorder.finished).hasSize(40);

    app.stop();
    QueueAdmin after = adminAfterStop(app);
    assertThat(after.counts(QUEUE).waiting()).isEqualTo(5);
    assertThat(after.counts(QUEUE).active()).isZero();
    assertThat(recorder.keysInOrder()).hasSize(41);
    for (int i = 1; i < 5; i++) {
      assertThat(after.job(QUEUE, idOf(after, "slow-" + i)).orElseThrow().attemptsMade()).isZero();
    }
  }

  private static String idOf(QueueAdmin admin, String key) {
    return admin.jobs(QUEUE, JobState.WAITING, 0, 100).stream()
        .filter(job -> job.payload().contains('"' + key + '"'))
        .findFirst()
        .orElseThrow()
        .id();
  }

  @Test
  void shouldHoldDelayedJobsUntilTheirRunTime() {
    ErrandApp app = start();
    Recorder recorder = app.get(Recorder.class);
    long added = System.currentTimeMillis();
    String delayed =
        queue(app)
            .add(
                ContractProcessor.WORK,
                Work.plain("delayed"),
                JobOptions.builder().delay(Duration.ofMillis(500)).build());
    String scheduled =
        queue(app)
            .add(
                ContractProcessor.WORK,
                Work.plain("scheduled"),
                JobOptions.builder().runAt(Instant.ofEpochMilli(added + 300)).build());
    queue(app).add(ContractProcessor.WORK, Work.plain("now"));

    assertThat(admin(app).job(QUEUE, delayed).orElseThrow().state())
        .isIn(JobState.DELAYED, JobState.WAITING, JobState.ACTIVE, JobState.COMPLETED);
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.finished.size() == 3);
    assertThat(recorder.keysInOrder()).containsExactly("now", "scheduled", "delayed");
    assertThat(recorder.runsOf("delayed").get(0).startedAt()).isGreaterThanOrEqualTo(added + 500);
    assertThat(recorder.runsOf("scheduled").get(0).startedAt()).isGreaterThanOrEqualTo(added + 300);
    awaitState(admin(app), scheduled, JobState.COMPLETED);
  }

  @Test
  void shouldReportDelayedStateBeforeTheRunTime() {
    ErrandApp app = start(Map.of("JOBS_ENABLED", "false"));
    String id =
        queue(app)
            .add(
                ContractProcessor.WORK,
                Work.plain("later"),
                JobOptions.builder().delay(Duration.ofMinutes(5)).build());
    assertThat(admin(app).job(QUEUE, id).orElseThrow().state()).isEqualTo(JobState.DELAYED);
    assertThat(admin(app).counts(QUEUE).delayed()).isEqualTo(1);
  }

  @Test
  void shouldAddNothingWhileAJobWithTheSameJobIdExists() {
    ErrandApp app = start();
    Recorder recorder = app.get(Recorder.class);
    JobOptions once = JobOptions.builder().jobId("invoice-7").build();
    String first = queue(app).add(ContractProcessor.WORK, Work.plain("invoice"), once);
    String second = queue(app).add(ContractProcessor.WORK, Work.plain("invoice"), once);
    awaitState(admin(app), first, JobState.COMPLETED);
    String third = queue(app).add(ContractProcessor.WORK, Work.plain("invoice"), once);

    assertThat(first).isEqualTo("invoice-7").isEqualTo(second).isEqualTo(third);
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> recorder.runsOf("invoice").size() == 1);
  }

  @Test
  void shouldAcceptTheJobIdAgainOnceItsJobIsRemoved() {
    ErrandApp app = start();
    Recorder recorder = app.get(Recorder.class);
    JobOptions once =
        JobOptions.builder().jobId("welcome-ada").removeOnComplete(Retention.none()).build();
    queue(app).add(ContractProcessor.WORK, Work.plain("welcome"), once);
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.finished.size() == 1);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> admin(app).job(QUEUE, "welcome-ada").isEmpty());
    queue(app).add(ContractProcessor.WORK, Work.plain("welcome"), once);
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.finished.size() == 2);
  }

  @Test
  void shouldRetryWithFixedBackoff() {
    ErrandApp app = start();
    Recorder recorder = app.get(Recorder.class);
    String id =
        queue(app)
            .add(
                ContractProcessor.WORK,
                Work.failingUntil("fixed", 3),
                JobOptions.builder()
                    .attempts(3)
                    .backoff(Backoff.fixed(Duration.ofMillis(150)))
                    .build());
    JobInfo done = awaitState(admin(app), id, JobState.COMPLETED);

    List<Recorder.Run> runs = recorder.runsOf("fixed");
    assertThat(runs).extracting(Recorder.Run::attempt).containsExactly(1, 2, 3);
    assertThat(gaps(runs)).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(150));
    assertThat(done.attemptsMade()).isEqualTo(3);
    assertThat(done.result()).isEqualTo("\"done-fixed\"");
    assertThat(done.options()).contains("\"attempts\":3").contains("\"fixed\"");
  }

  @Test
  void shouldRetryWithExponentialBackoff() {
    ErrandApp app = start();
    Recorder recorder = app.get(Recorder.class);
    String id =
        queue(app)
            .add(
                ContractProcessor.WORK,
                Work.failingUntil("exp", 4),
                JobOptions.builder()
                    .attempts(4)
                    .backoff(Backoff.exponential(Duration.ofMillis(80)))
                    .build());
    awaitState(admin(app), id, JobState.COMPLETED);

    List<Long> gaps = gaps(recorder.runsOf("exp"));
    assertThat(gaps).hasSize(3);
    assertThat(gaps.get(0)).isGreaterThanOrEqualTo(80);
    assertThat(gaps.get(1)).isGreaterThanOrEqualTo(160);
    assertThat(gaps.get(2)).isGreaterThanOrEqualTo(320);
  }

  @Test
  void shouldRetryWithANamedCustomBackoff() {
    ErrandApp app = start();
    Recorder recorder = app.get(Recorder.class);
    String id =
        queue(app)
            .add(
                ContractProcessor.WORK,
                Work.failingUntil("custom", 3),
                JobOptions.builder().attempts(3).backoff(Backoff.custom("linear")).build());
    awaitState(admin(app), id, JobState.COMPLETED);

    List<Long> gaps = gaps(recorder.runsOf("custom"));
    assertThat(gaps.get(0)).isGreaterThanOrEqualTo(60);
    assertThat(gaps.get(1)).isGreaterThanOrEqualTo(120);
  }

  @Test
  void shouldUseQueueDefaultsFromSettingsWhenTheJobSetsNone() {
    ErrandApp app =
        start(
            Map.of(
                "JOBS_QUEUE_CONTRACT_ATTEMPTS", "2",
                "JOBS_QUEUE_CONTRACT_BACKOFF_TYPE", "fixed",
                "JOBS_QUEUE_CONTRACT_BACKOFF_DELAY", "100ms"));
    Recorder recorder = app.get(Recorder.class);
    String id = queue(app).add(ContractProcessor.WORK, Work.failingUntil("defaults", 5));
    JobInfo dead = awaitState(admin(app), id, JobState.DEAD);

    assertThat(dead.attemptsMade()).isEqualTo(2);
    assertThat(gaps(recorder.runsOf("defaults")).get(0)).isGreaterThanOrEqualTo(100);
  }

  @Test
  void shouldDeadLetterAJobWhoseAttemptsRanOutAndRetryItFromThere() {
    ErrandApp app = start();
    Recorder recorder = app.get(Recorder.class);
    String id =
        queue(app)
            .add(
                ContractProcessor.WORK,
                Work.failingUnlessHealed("broken"),
                JobOptions.builder()
                    .attempts(2)
                    .backoff(Backoff.fixed(Duration.ofMillis(10)))
                    .build());
    JobInfo dead = awaitState(admin(app), id, JobState.DEAD);

    assertThat(dead.attemptsMade()).isEqualTo(2);
    assertThat(dead.failure().exceptionClass()).isEqualTo(IllegalStateException.class.getName());
    assertThat(dead.failure().message()).isEqualTo("still broken: broken");
    assertThat(dead.failure().stackTrace()).contains("ContractProcessor.work");
    assertThat(admin(app).counts(QUEUE).dead()).isEqualTo(1);
    assertThat(admin(app).jobs(QUEUE, JobState.DEAD, 0, 10))
        .extracting(JobInfo::id)
        .containsExactly(id);

    recorder.healed.set(true);
    assertThat(admin(app).retry(QUEUE, id)).isTrue();
    JobInfo done = awaitState(admin(app), id, JobState.COMPLETED);
    assertThat(done.attemptsMade()).isEqualTo(1);
    assertThat(done.failure()).isNull();
    assertThat(admin(app).counts(QUEUE).dead()).isZero();
    assertThat(admin(app).retry(QUEUE, id)).isFalse();
  }

  @Test
  void shouldFailAnUnrecoverableErrorAtOnce() {
    ErrandApp app = start();
    Recorder recorder = app.get(Recorder.class);
    String id =
        queue(app)
            .add(
                ContractProcessor.WORK,
                Work.unrecoverable("hopeless"),
                JobOptions.builder().attempts(5).build());
    JobInfo failed = awaitState(admin(app), id, JobState.FAILED);

    assertThat(failed.attemptsMade()).isEqualTo(1);
    assertThat(failed.failure().message()).isEqualTo("cannot ever work: hopeless");
    assertThat(recorder.runsOf("hopeless")).hasSize(1);
    assertThat(admin(app).counts(QUEUE).failed()).isEqualTo(1);
  }

  @Test
  void shouldInterruptAHandlerPastItsTimeoutAndCountTheAttemptAsFailed() {
    ErrandApp app = start();
    Recorder recorder = app.get(Recorder.class);
    String id =
        queue(app)
            .add(
                ContractProcessor.WORK,
                Work.sleeping("slow", 10_000),
                JobOptions.builder()
                    .timeout(Duration.ofMillis(200))
                    .attempts(2)
                    .backoff(Backoff.fixed(Duration.ofMillis(10)))
                    .build());
    JobInfo dead = awaitState(admin(app), id, JobState.DEAD);

    assertThat(dead.attemptsMade()).isEqualTo(2);
    assertThat(dead.failure().exceptionClass()).isEqualTo("Timeout");
    assertThat(dead.failure().message()).contains(id).contains("200 ms");
    assertThat(recorder.interrupted).containsExactly("slow", "slow");
  }

  @Test
  void shouldFailTheRunOfAHandlerThatIgnoresItsTimeout() {
    ErrandApp app = start();
    Recorder recorder = app.get(Recorder.class);
    String id =
        queue(app)
            .add(
                ContractProcessor.WORK,
                Work.stubborn("stubborn", 4000),
                JobOptions.builder().timeout(Duration.ofMillis(100)).attempts(1).build());
    JobInfo dead = awaitState(admin(app), id, JobState.DEAD);

    assertThat(dead.failure().exceptionClass()).isEqualTo("Timeout");
    assertThat(recorder.finished).doesNotContain("stubborn");
  }

  @Test
  void shouldKeepOnlyWhatTheRetentionOptionsAllow() {
    ErrandApp app = start();
    Recorder recorder = app.get(Recorder.class);
    QueueService queue = queue(app);
    String gone =
        queue.add(
            ContractProcessor.WORK,
            Work.plain("gone"),
            JobOptions.builder().removeOnComplete(Retention.none()).build());
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.finished.contains("gone"));
    await().atMost(Duration.ofSeconds(5)).until(() -> admin(app).job(QUEUE, gone).isEmpty());

    List<String> kept = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String id =
          queue.add(
              ContractProcessor.WORK,
              Work.plain("kept-" + i),
              JobOptions.builder().removeOnComplete(Retention.keepLast(2)).build());
      awaitState(admin(app), id, JobState.COMPLETED);
      kept.add(id);
    }
    assertThat(admin(app).counts(QUEUE).completed()).isEqualTo(2);
    assertThat(admin(app).job(QUEUE, kept.get(0))).isEmpty();
    assertThat(admin(app).jobs(QUEUE, JobState.COMPLETED, 0, 10))
        .extracting(JobInfo::id)
        .containsExactly(kept.get(3), kept.get(2));

    String failed =
        queue.add(
            ContractProcessor.WORK,
            Work.unrecoverable("forgotten"),
            JobOptions.builder().removeOnFail(Retention.none()).build());
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.runsOf("forgotten").size() == 1);
    await().atMost(Duration.ofSeconds(5)).until(() -> admin(app).job(QUEUE, failed).isEmpty());
    assertThat(admin(app).counts(QUEUE).failed()).isZero();
  }

  @Test
  void shouldRemoveFinishedJobsOlderThanTheirMaximumAge() {
    ErrandApp app = start();
    QueueService queue = queue(app);
    JobOptions brief =
        JobOptions.builder().removeOnComplete(Retention.keepFor(Duration.ofMillis(200))).build();
    String old = queue.add(ContractProcessor.WORK, Work.plain("old"), brief);
    awaitState(admin(app), old, JobState.COMPLETED);
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              // Each completion trims what has grown too old by then.
              String next = queue.add(ContractProcessor.WORK, Work.plain("next"), brief);
              awaitState(admin(app), next, JobState.COMPLETED);
              return admin(app).job(QUEUE, old).isEmpty();
            });
  }

  @Test
  void shouldFailAJobWhosePayloadNoLongerMapsAndKeepGoing() {
    ErrandApp app = start();
    Recorder recorder = app.get(Recorder.class);
    String bad = queue(app).add(QUEUE, "count", Map.of("value", "not a number"));
    String good = queue(app).add(QUEUE, "count", new ContractProcessor.Count(7));

    JobInfo failed = awaitState(admin(app), bad, JobState.FAILED);
    assertThat(failed.failure().exceptionClass()).isEqualTo("PayloadMismatch");
    assertThat(failed.failure().message())
        .contains(bad)
        .contains("Count")
        .contains(ContractProcessor.class.getName() + "#count");
    awaitState(admin(app), good, JobState.COMPLETED);
    assertThat(recorder.finished).containsExactly("count-7");
  }

  @Test
  void shouldSendUnnamedJobsToTheCatchAllHandler() {
    ErrandApp app = start();
    Recorder recorder = app.get(Recorder.class);
    String id = queue(app).add(QUEUE, "something-else", Map.of("key", "caught"));
    awaitState(admin(app), id, JobState.COMPLETED);
    assertThat(recorder.runsOf("caught"))
        .extracting(Recorder.Run::name)
        .containsExactly("something-else");
  }

  @Test
  void shouldGiveHandlersTheirJobContext() {
    ErrandApp app = start();
    Recorder recorder = app.get(Recorder.class);
    String id = queue(app).add(QUEUE, "report", Work.plain("report"));
    JobInfo done = awaitState(admin(app), id, JobState.COMPLETED);

    Recorder.Run run = recorder.runsOf("report").get(0);
    assertThat(run.id()).isEqualTo(id);
    assertThat(run.name()).isEqualTo("report");
    assertThat(run.attempt()).isEqualTo(1);
    assertThat(done.progress()).isEqualTo("{\"step\":\"done\"}");
    assertThat(done.options()).isNull();
    assertThat(done.startedAt()).isAfterOrEqualTo(done.createdAt());
    assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());
    assertThat(done.logs()).containsExactly("halfway through report");
  }

  @Test
  void shouldFinishRunningJobsWithinTheGracePeriodAndReturnTheRestOnStop() {
    ErrandApp app = start(Map.of("JOBS_SHUTDOWN_GRACE", "500ms"));
    Recorder recorder = app.get(Recorder.class);
    String quick = queue(app).add(ContractProcessor.WORK, Work.sleeping("quick", 150));
    String stuck = queue(app).add(ContractProcessor.WORK, Work.gated("stuck"));
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.runs.size() == 2);

    app.stop();

    QueueAdmin after = adminAfterStop(app);
    assertThat(after.job(QUEUE, quick).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    JobInfo returned = after.job(QUEUE, stuck).orElseThrow();
    assertThat(returned.state()).isEqualTo(JobState.WAITING);
    assertThat(returned.attemptsMade()).isZero();
    assertThat(recorder.interrupted).containsExactly("stuck");
    assertThat(after.counts(QUEUE).active()).isZero();
  }

  @Test
  void shouldRunNoWorkerWhenJobsAreDisabled() {
    ErrandApp app = start(Map.of("JOBS_ENABLED", "false"));
    String id = queue(app).add(ContractProcessor.WORK, Work.plain("parked"));
    await()
        .during(Duration.ofMillis(400))
        .atMost(Duration.ofSeconds(2))
        .until(() -> admin(app).job(QUEUE, id).orElseThrow().state() == JobState.WAITING);
    assertThat(app.get(Recorder.class).runs).isEmpty();
    assertThat(admin(app).counts(QUEUE).waiting()).isEqualTo(1);
  }

  @Test
  void shouldAcceptJobsForAQueueNobodyHereConsumes() {
    ErrandApp app = start();
    String id = queue(app).add("elsewhere", "anything", Map.of("a", 1));
    assertThat(admin(app).job("elsewhere", id).orElseThrow().state()).isEqualTo(JobState.WAITING);
    assertThat(admin(app).jobs("elsewhere", JobState.WAITING, 0, 5)).hasSize(1);
  }

  @Test
  void shouldAddInBulkAcrossQueuesKeepingTheOrderOfIds() {
    ErrandApp app = start();
    Recorder recorder = app.get(Recorder.class);
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      jobs.add(ContractProcessor.WORK.job(Work.plain("bulk-" + i)));
      jobs.add(NewJob.of("elsewhere", "x", Map.of("i", i)));
    }
    List<String> ids = queue(app).addBulk(jobs);

    assertThat(ids).hasSize(100).doesNotContainNull();
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.finished.size() == 50);
    assertThat(admin(app).job(QUEUE, ids.get(0)).orElseThrow().payload()).contains("bulk-0");
    assertThat(admin(app).job("elsewhere", ids.get(99)).orElseThrow().payload()).contains("49");
    assertThat(admin(app).counts("elsewhere").waiting()).isEqualTo(50);
  }

  @Test
  void shouldRejectAPayloadThatCannotBeWrittenAtOnce() {
    ErrandApp app = start();
    assertThatThrownBy(() -> queue(app).add(QUEUE, "work", new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'work'")
        .hasMessageContaining("'contract'");
    assertThat(admin(app).counts(QUEUE).waiting()).isZero();
  }

  @Test
  void shouldKeepLeasesOfLongRunningJobsAlive() {
    ErrandApp app = start(Map.of("JOBS_LEASE_DURATION", "600ms"));
    Recorder recorder = app.get(Recorder.class);
    String id = queue(app).add(ContractProcessor.WORK, Work.sleeping("long", 1500));
    JobInfo done = awaitState(admin(app), id, JobState.COMPLETED);

    assertThat(done.stalls()).isZero();
    assertThat(recorder.runsOf("long")).hasSize(1);
  }
}
