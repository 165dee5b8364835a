package dev.errand.queue.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.queue.JobEvent;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobListener;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobOutcome;
import dev.errand.queue.JobState;
import dev.errand.queue.JobWaitTimeoutException;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueEvents;
import dev.errand.queue.QueueMetrics;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import dev.errand.queue.Retention;
import dev.errand.testsupport.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The admin operations, events and metrics, stated once and run against each backend by a short
 * subclass, like {@link QueueContractTest}.
 */
public abstract class OperationsContractTest {

  private static final String QUEUE = "contract";
  private static final JobOptions KEEP = JobOptions.builder().attempts(1).build();

  private final String prefix = TestServers.unique("errand-ops");
  private final List<ErrandApp> apps = new ArrayList<>();
  private final ConcurrentLinkedQueue<JobEvent> heard = new ConcurrentLinkedQueue<>();

  /** The settings that select the backend under test. */
  protected abstract Map<String, String> backendSettings();

  protected ErrandApp start(Map<String, String> overrides) {
    Map<String, String> values = QueueContractTest.fastSettings(prefix);
    values.putAll(backendSettings());
    values.putAll(overrides);
    Settings settings = Settings.of(values);
    QueueAdapter adapter =
        new QueueAdapter(QueueSettings.from(settings))
            .processors(ContractProcessor.class)
            .listener(
                new JobListener() {
                  @Override
                  public void on(JobEvent event) {
                    heard.add(event);
                  }
                });
    ErrandApp app =
        ErrandApp.builder().settings(settings).adapters(adapter).shutdownHook(false).start();
    apps.add(app);
    return app;
  }

  @AfterEach
  void stopApps() {
    for (ErrandApp app : apps) {
      app.get(Recorder.class).gate.countDown();
      app.stop();
    }
  }

  private static JobInfo awaitState(QueueAdmin admin, String id, JobState state) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> admin.job(QUEUE, id).map(JobInfo::state).orElse(null) == state);
    return admin.job(QUEUE, id).orElseThrow();
  }

  @Test
  void shouldHoldJobsWhilePausedAndRunThemOnResume() {
    ErrandApp app = start(Map.of());
    QueueAdmin admin = app.get(QueueAdmin.class);
    Recorder recorder = app.get(Recorder.class);
    admin.pause(QUEUE);
    app.get(QueueService.class).add(ContractProcessor.WORK, Work.plain("held-1"));
    app.get(QueueService.class).add(ContractProcessor.WORK, Work.plain("held-2"));

    await()
        .during(Duration.ofMillis(400))
        .atMost(Duration.ofSeconds(3))
        .until(() -> recorder.runs.isEmpty());
    assertThat(admin.counts(QUEUE).paused()).isTrue();
    assertThat(admin.counts(QUEUE).waiting()).isEqualTo(2);

    admin.resume(QUEUE);
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.finished.size() == 2);
    assertThat(admin.counts(QUEUE).paused()).isFalse();
  }

  @Test
  void shouldPromoteRemoveAndDrain() {
    ErrandApp app = start(Map.of("JOBS_QUEUE_CONTRACT_CONCURRENCY", "1"));
    QueueAdmin admin = app.get(QueueAdmin.class);
    QueueService queue = app.get(QueueService.class);
    Recorder recorder = app.get(Recorder.class);
    String later =
        queue.add(
            ContractProcessor.WORK,
            Work.plain("later"),
            JobOptions.builder().delay(Duration.ofHours(1)).build());
    assertThat(admin.promote(QUEUE, later)).isTrue();
    awaitState(admin, later, JobState.COMPLETED);
    assertThat(admin.promote(QUEUE, later)).isFalse();

    String gate = queue.add(ContractProcessor.WORK, Work.gated("gate"));
    awaitState(admin, gate, JobState.ACTIVE);
    assertThat(admin.remove(QUEUE, gate)).isFalse();
    String doomed = queue.add(ContractProcessor.WORK, Work.plain("doomed"));
    queue.add(ContractProcessor.WORK, Work.plain("drained-1"));
    queue.add(ContractProcessor.WORK, Work.plain("drained-2"));
    assertThat(admin.remove(QUEUE, doomed)).isTrue();
    assertThat(admin.job(QUEUE, doomed)).isEmpty();
    assertThat(admin.drain(QUEUE)).isEqualTo(2);
    assertThat(admin.counts(QUEUE).waiting()).isZero();

    recorder.gate.countDown();
    awaitState(admin, gate, JobState.COMPLETED);
    assertThat(recorder.keysInOrder()).containsExactly("later", "gate");
  }

  @Test
  void shouldCleanFinishedJobsByCountAndByAge() {
    ErrandApp app = start(Map.of());
    QueueAdmin admin = app.get(QueueAdmin.class);
    JobOptions keepAll = JobOptions.builder().removeOnComplete(Retention.keepAll()).build();
    for (int i = 0; i < 5; i++) {
      app.get(QueueService.class).add(ContractProcessor.WORK, Work.plain("done-" + i), keepAll);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> admin.counts(QUEUE).completed() == 5);

    assertThat(admin.trim(QUEUE, JobState.COMPLETED, 2)).isEqualTo(3);
    assertThat(admin.counts(QUEUE).completed()).isEqualTo(2);
    assertThat(admin.jobs(QUEUE, JobState.COMPLETED, 0, 10)).hasSize(2);
    assertThat(admin.clean(QUEUE, JobState.COMPLETED, Duration.ofHours(1))).isZero();
    assertThat(admin.clean(QUEUE, JobState.COMPLETED, Duration.ZERO)).isEqualTo(2);
    assertThat(admin.counts(QUEUE).completed()).isZero();
    assertThatThrownBy(() -> admin.clean(QUEUE, JobState.WAITING, Duration.ZERO))
        .hasMessageContaining("drain");
  }

  @Test
  void shouldRetryEveryFailedAndDeadJob() {
    ErrandApp app = start(Map.of());
    QueueAdmin admin = app.get(QueueAdmin.class);
    Recorder recorder = app.get(Recorder.class);
    String failed =
        app.get(QueueService.class).add(ContractProcessor.WORK, Work.unrecoverable("u"));
    String dead =
        app.get(QueueService.class)
            .add(ContractProcessor.WORK, Work.failingUnlessHealed("d"), KEEP);
    awaitState(admin, failed, JobState.FAILED);
    awaitState(admin, dead, JobState.DEAD);
    recorder.healed.set(true);

    assertThat(admin.retryAll(QUEUE)).isEqualTo(2);
    awaitState(admin, dead, JobState.COMPLETED);
    awaitState(admin, failed, JobState.FAILED);
    assertThat(recorder.runsOf("u")).hasSize(2);
  }

  @Test
  void shouldCancelARunningJobWithoutARetry() {
    ErrandApp app = start(Map.of());
    QueueAdmin admin = app.get(QueueAdmin.class);
    Recorder recorder = app.get(Recorder.class);
    String id =
        app.get(QueueService.class)
            .add(
                ContractProcessor.WORK,
                Work.sleeping("long", 20_000),
                JobOptions.builder().attempts(3).build());
    awaitState(admin, id, JobState.ACTIVE);
    await().atMost(Duration.ofSeconds(5)).until(() -> recorder.runs.size() == 1);

    assertThat(admin.cancel(QUEUE, id)).isTrue();
    JobInfo info = awaitState(admin, id, JobState.FAILED);
    assertThat(info.failure().exceptionClass()).isEqualTo("Cancelled");
    assertThat(recorder.interrupted).containsExactly("long");
    assertThat(recorder.runsOf("long")).hasSize(1);
    assertThat(admin.cancel(QUEUE, id)).isFalse();
  }

  @Test
  void shouldWaitForAJobsResultOrFailure() {
    ErrandApp app = start(Map.of());
    QueueService queue = app.get(QueueService.class);
    JobOutcome done =
        queue.addAndWait(ContractProcessor.WORK, Work.plain("w"), Duration.ofSeconds(10));
    assertThat(done.succeeded()).isTrue();
    assertThat(done.result()).isEqualTo("\"done-w\"");

    JobOutcome failed =
        queue.addAndWait(ContractProcessor.WORK, Work.unrecoverable("x"), Duration.ofSeconds(10));
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.failure().message()).contains("cannot ever work: x");

    assertThatThrownBy(
            () ->
                queue.addAndWait(
                    ContractProcessor.WORK, Work.gated("slow"), Duration.ofMillis(200)))
        .isInstanceOf(JobWaitTimeoutException.class)
        .hasMessageContaining("did not finish within 200 ms");
  }

  @Test
  void shouldTellListenersAndSubscribersWhatHappened() throws Exception {
    ErrandApp app = start(Map.of());
    ConcurrentLinkedQueue<JobEvent> observed = new ConcurrentLinkedQueue<>();
    try (AutoCloseable subscription =
        app.get(QueueEvents.class)
            .subscribe(
                QUEUE,
                new JobListener() {
                  @Override
                  public void on(JobEvent event) {
                    observed.add(event);
                  }
                })) {
      QueueService queue = app.get(QueueService.class);
      String ok = queue.add(ContractProcessor.REPORT, Work.plain("r"));
      String retried = queue.add(ContractProcessor.WORK, Work.failingUntil("twice", 2));
      String dead = queue.add(ContractProcessor.WORK, Work.failingUnlessHealed("dead"), KEEP);
      String failed = queue.add(ContractProcessor.WORK, Work.unrecoverable("failed"));

      List<String> expected =
          List.of(
              "PROGRESS " + ok,
              "COMPLETED " + ok,
              "RETRYING " + retried,
              "COMPLETED " + retried,
              "DEAD " + dead,
              "FAILED " + dead,
              "FAILED " + failed);
      await().atMost(Duration.ofSeconds(10)).until(() -> describe(heard).containsAll(expected));
      await().atMost(Duration.ofSeconds(10)).until(() -> describe(observed).containsAll(expected));
      JobEvent completed =
          heard.stream()
              .filter(e -> e.type() == JobEvent.Type.COMPLETED && e.id().equals(retried))
              .findFirst()
              .orElseThrow();
      assertThat(completed.attempt()).isEqualTo(2);
      assertThat(completed.name()).isEqualTo("work");
      assertThat(completed.data()).isEqualTo("\"done-twice\"");
    }
  }

  private static List<String> describe(ConcurrentLinkedQueue<JobEvent> events) {
    return events.stream().map(e -> e.type() + " " + e.id()).toList();
  }

  @Test
  void shouldStartNoMoreJobsPerWindowThanTheQueuesRateLimit() {
    ErrandApp app = start(Map.of("JOBS_QUEUE_CONTRACT_RATE_LIMIT", "2/400ms"));
    Recorder recorder = app.get(Recorder.class);
    for (int i = 0; i < 6; i++) {
      app.get(QueueService.class).add(ContractProcessor.WORK, Work.plain("limited-" + i));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.finished.size() == 6);

    List<Long> starts = recorder.runs.stream().map(Recorder.Run::startedAt).sorted().toList();
    // Two per window: the third and fifth jobs each wait for a new window.
    assertThat(starts.get(2) - starts.get(0)).isGreaterThanOrEqualTo(350);
    assertThat(starts.get(4) - starts.get(2)).isGreaterThanOrEqualTo(350);
  }

  @Test
  void shouldLimitEachGroupOnItsOwn() {
    ErrandApp app = start(Map.of("JOBS_QUEUE_CONTRACT_GROUP_RATE_LIMIT", "1/500ms"));
    Recorder recorder = app.get(Recorder.class);
    QueueService queue = app.get(QueueService.class);
    JobOptions tenantA = JobOptions.builder().group("tenant-a").build();
    JobOptions tenantB = JobOptions.builder().group("tenant-b").build();
    long added = System.currentTimeMillis();
    queue.add(ContractProcessor.WORK, Work.plain("a-1"), tenantA);
    queue.add(ContractProcessor.WORK, Work.plain("a-2"), tenantA);
    queue.add(ContractProcessor.WORK, Work.plain("b-1"), tenantB);
    queue.add(ContractProcessor.WORK, Work.plain("b-2"), tenantB);
    queue.add(ContractProcessor.WORK, Work.plain("free"));
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.finished.size() == 5);

    long a1 = recorder.runsOf("a-1").get(0).startedAt();
    long b1 = recorder.runsOf("b-1").get(0).startedAt();
    assertThat(recorder.runsOf("a-2").get(0).startedAt() - a1).isGreaterThanOrEqualTo(450);
    assertThat(recorder.runsOf("b-2").get(0).startedAt() - b1).isGreaterThanOrEqualTo(450);
    assertThat(b1 - added).isLessThan(450);
    assertThat(recorder.runsOf("free").get(0).startedAt() - added).isLessThan(450);
  }

  @Test
  void shouldMeasureEachQueuesRuns() {
    ErrandApp app = start(Map.of());
    QueueAdmin admin = app.get(QueueAdmin.class);
    QueueService queue = app.get(QueueService.class);
    for (int i = 0; i < 3; i++) {
      queue.add(ContractProcessor.WORK, Work.sleeping("m-" + i, 20));
    }
    queue.add(ContractProcessor.WORK, Work.unrecoverable("m-bad"));

    await().atMost(Duration.ofSeconds(10)).until(() -> admin.metrics(QUEUE).failed() == 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> admin.metrics(QUEUE).completed() == 3);
    QueueMetrics metrics = admin.metrics(QUEUE);
    assertThat(metrics.p50Millis()).isGreaterThanOrEqualTo(15);
    assertThat(metrics.p99Millis()).isGreaterThanOrEqualTo(metrics.p50Millis());
    assertThat(metrics.meanMillis()).isGreaterThan(10);
    assertThat(metrics.perSecondLastMinute()).isGreaterThan(0);
    assertThat(metrics.inFlight()).isZero();
    assertThat(admin.metrics("nobody-runs-this")).isEqualTo(QueueMetrics.none("nobody-runs-this"));
  }
}
