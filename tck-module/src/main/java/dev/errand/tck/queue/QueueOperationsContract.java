package dev.errand.tck.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.errand.queue.JobEvent;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobOutcome;
import dev.errand.queue.JobState;
import dev.errand.queue.JobWaitTimeoutException;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueMetrics;
import dev.errand.queue.QueueService;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * What operators and callers do with queues: pause, promote, remove, drain and retry in bulk;
 * waiting for a job's outcome; events for listeners and subscribers; rate limits; metrics. Subclass
 * it with {@link #createBackend()}.
 */
public abstract class QueueOperationsContract extends QueueContract {

  private static final JobOptions KEEP = JobOptions.builder().attempts(1).build();

  @Test
  void shouldHoldJobsWhilePausedAndRunThemOnResume() {
    QueueApp app = start();
    QueueAdmin admin = app.admin();
    Recorder recorder = app.recorder();
    admin.pause(QUEUE);
    app.add(Work.plain("held-1"));
    app.add(Work.plain("held-2"));

    await()
        .during(Duration.ofMillis(400))
        .atMost(Duration.ofSeconds(3))
        .until(() -> recorder.runs.isEmpty());
    assertThat(admin.counts(QUEUE).paused()).isTrue();
    assertThat(admin.counts(QUEUE).waiting()).isEqualTo(2);

    admin.resume(QUEUE);
    app.awaitFinished(2);
    assertThat(admin.counts(QUEUE).paused()).isFalse();
  }

  @Test
  void shouldPromoteRemoveAndDrain() {
    QueueApp app = start(Map.of("JOBS_QUEUE_CONTRACT_CONCURRENCY", "1"));
    QueueAdmin admin = app.admin();
    Recorder recorder = app.recorder();
    String later =
        app.add(Work.plain("later"), JobOptions.builder().delay(Duration.ofHours(1)).build());
    assertThat(admin.promote(QUEUE, later)).isTrue();
    app.awaitState(later, JobState.COMPLETED);
    assertThat(admin.promote(QUEUE, later)).isFalse();

    String gate = app.add(Work.gated("gate"));
    app.awaitState(gate, JobState.ACTIVE);
    assertThat(admin.remove(QUEUE, gate)).isFalse();
    String doomed = app.add(Work.plain("doomed"));
    app.add(Work.plain("drained-1"));
    app.add(Work.plain("drained-2"));
    assertThat(admin.remove(QUEUE, doomed)).isTrue();
    assertThat(admin.job(QUEUE, doomed)).isEmpty();
    assertThat(admin.drain(QUEUE)).isEqualTo(2);
    assertThat(admin.counts(QUEUE).waiting()).isZero();

    recorder.gate.countDown();
    app.awaitState(gate, JobState.COMPLETED);
    assertThat(recorder.keysInOrder()).containsExactly("later", "gate");
  }

  @Test
  void shouldListEveryQueueJobsWereAddedToWhoeverConsumesThem() {
    QueueApp app = start();
    app.add(Work.plain("listed"));
    app.queue().add("contract-elsewhere", "anything", Map.of("key", "producer-only"));

    // No worker here consumes the second queue: listing must not depend on it.
    assertThat(app.admin().queues()).containsExactly(QUEUE, "contract-elsewhere");
  }

  @Test
  void shouldRetryEveryFailedAndDeadJob() {
    QueueApp app = start();
    QueueAdmin admin = app.admin();
    Recorder recorder = app.recorder();
    String failed = app.add(Work.unrecoverable("u"));
    String dead = app.add(Work.failingUnlessHealed("d"), KEEP);
    app.awaitState(failed, JobState.FAILED);
    app.awaitState(dead, JobState.DEAD);
    recorder.healed.set(true);

    assertThat(admin.retryAll(QUEUE)).isEqualTo(2);
    app.awaitState(dead, JobState.COMPLETED);
    app.awaitState(failed, JobState.FAILED);
    assertThat(recorder.runsOf("u")).hasSize(2);
  }

  @Test
  void shouldRunARetriedJobAtOnceWithoutWaitingForTheIdleCheck() {
    // Idle workers look by themselves only every 10 minutes: each retried job runs soon only if
    // the retry's wake-up reaches the idle worker, every time.
    QueueApp app = start(Map.of("JOBS_IDLE_CHECK_INTERVAL", "10m"));
    QueueAdmin admin = app.admin();
    Recorder recorder = app.recorder();
    for (int i = 0; i < 15; i++) {
      recorder.healed.set(false);
      String id = app.add(Work.failingUnlessHealed("r" + i), KEEP);
      app.awaitState(id, JobState.DEAD);
      recorder.healed.set(true);
      assertThat(admin.retry(QUEUE, id)).isTrue();
      app.awaitState(id, JobState.COMPLETED);
    }
  }

  @Test
  void shouldWaitForAJobsResultOrFailure() {
    QueueService queue = start().queue();
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
    QueueApp app = start();
    ConcurrentLinkedQueue<JobEvent> observed = new ConcurrentLinkedQueue<>();
    try (AutoCloseable subscription = app.subscribe(observed)) {
      String ok = app.queue().add(ContractProcessor.REPORT, Work.plain("r"));
      String retried = app.add(Work.failingUntil("twice", 2));
      String dead = app.add(Work.failingUnlessHealed("dead"), KEEP);
      String failed = app.add(Work.unrecoverable("failed"));

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

  private static List<String> describe(Collection<JobEvent> events) {
    return events.stream().map(e -> e.type() + " " + e.id()).toList();
  }

  @Test
  void shouldStartNoMoreJobsPerWindowThanTheQueuesRateLimit() {
    QueueApp app = start(Map.of("JOBS_QUEUE_CONTRACT_RATE_LIMIT", "2/400ms"));
    Recorder recorder = app.recorder();
    for (int i = 0; i < 6; i++) {
      app.add(Work.plain("limited-" + i));
    }
    app.awaitFinished(6);

    List<Long> starts = app.leaseTimes(recorder.runs);
    // Two per window: the third and fifth jobs each wait for a new window.
    assertThat(starts.get(2) - starts.get(0)).isGreaterThanOrEqualTo(350);
    assertThat(starts.get(4) - starts.get(2)).isGreaterThanOrEqualTo(350);
  }

  @Test
  void shouldLimitEachGroupOnItsOwn() {
    QueueApp app = start(Map.of("JOBS_QUEUE_CONTRACT_GROUP_RATE_LIMIT", "1/500ms"));
    Recorder recorder = app.recorder();
    JobOptions tenantA = JobOptions.builder().group("tenant-a").build();
    JobOptions tenantB = JobOptions.builder().group("tenant-b").build();
    long added = System.currentTimeMillis();
    app.add(Work.plain("a-1"), tenantA);
    app.add(Work.plain("a-2"), tenantA);
    app.add(Work.plain("b-1"), tenantB);
    app.add(Work.plain("b-2"), tenantB);
    app.add(Work.plain("free"));
    app.awaitFinished(5);

    long a1 = recorder.runsOf("a-1").get(0).startedAt();
    long b1 = recorder.runsOf("b-1").get(0).startedAt();
    assertThat(recorder.runsOf("a-2").get(0).startedAt() - a1).isGreaterThanOrEqualTo(450);
    assertThat(recorder.runsOf("b-2").get(0).startedAt() - b1).isGreaterThanOrEqualTo(450);
    assertThat(b1 - added).isLessThan(450);
    assertThat(recorder.runsOf("free").get(0).startedAt() - added).isLessThan(450);
  }

  @Test
  void shouldMeasureEachQueuesRuns() {
    QueueApp app = start();
    QueueAdmin admin = app.admin();
    for (int i = 0; i < 3; i++) {
      app.add(Work.sleeping("m-" + i, 20));
    }
    app.add(Work.unrecoverable("m-bad"));

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
