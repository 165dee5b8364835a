package dev.errand.tck.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.queue.JobInfo;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobState;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueAdmin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the workers run on the backend: concurrency, leasing ahead (prefetch), lease renewal,
 * cancellation, and what a stop leaves behind. Subclass it with {@link #createBackend()}.
 */
public abstract class QueueWorkerContract extends QueueContract {

  @Test
  void shouldRunAtMostTheQueuesConcurrencyAtOnce() {
    QueueApp app = start(Map.of("JOBS_QUEUE_CONTRACT_CONCURRENCY", "3"));
    Recorder recorder = app.recorder();
    for (int i = 0; i < 7; i++) {
      app.add(Work.gated("gated-" + i));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.runs.size() == 3);
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> recorder.runs.size() == 3 && app.admin().counts(QUEUE).active() == 3);

    recorder.gate.countDown();
    app.awaitFinished(7);
  }

  @Test
  void shouldLeaseAheadOfQuickHandlersButRunAtMostTheConcurrencyAndReturnUnstartedJobsOnStop() {
    QueueApp app = start(Map.of("JOBS_QUEUE_CONTRACT_CONCURRENCY", "1", "JOBS_PREFETCH", "3"));
    Recorder recorder = app.recorder();
    QueueAdmin admin = app.admin();
    admin.pause(QUEUE);
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      jobs.add(ContractProcessor.WORK.job(Work.plain("quick-" + i)));
    }
    for (int i = 0; i < 5; i++) {
      jobs.add(ContractProcessor.WORK.job(Work.gated("slow-" + i)));
    }
    app.queue().addBulk(jobs);
    admin.resume(QUEUE);

    // Quick handlers and a backlog: the worker leases three jobs beyond its one slot, and they
    // wait there, unstarted, while slow-0 holds the slot.
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.runsOf("slow-0").size() == 1);
    await().atMost(Duration.ofSeconds(5)).until(() -> admin.counts(QUEUE).active() == 4);
    assertThat(admin.counts(QUEUE).waiting()).isEqualTo(1);
    assertThat(recorder.keysInOrder()).hasSize(41).endsWith("quick-39", "slow-0");
    assertThat(recorder.finished).hasSize(40);

    app.stop();
    QueueAdmin after = app.adminAfterStop();
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
  void shouldFinishRunningJobsWithinTheGracePeriodAndReturnTheRestOnStop() {
    QueueApp app = start(Map.of("JOBS_SHUTDOWN_GRACE", "500ms"));
    Recorder recorder = app.recorder();
    String quick = app.add(Work.sleeping("quick", 150));
    String stuck = app.add(Work.gated("stuck"));
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.runs.size() == 2);

    app.stop();

    QueueAdmin after = app.adminAfterStop();
    assertThat(after.job(QUEUE, quick).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    JobInfo returned = after.job(QUEUE, stuck).orElseThrow();
    assertThat(returned.state()).isEqualTo(JobState.WAITING);
    assertThat(returned.attemptsMade()).isZero();
    // The interrupt reaches the overtime handler on its own thread, maybe after stop returned.
    await().atMost(Duration.ofSeconds(5)).until(() -> !recorder.interrupted.isEmpty());
    assertThat(recorder.interrupted).containsExactly("stuck");
    assertThat(after.counts(QUEUE).active()).isZero();
  }

  @Test
  void shouldRunNoWorkerWhenJobsAreDisabled() {
    QueueApp app = start(Map.of("JOBS_ENABLED", "false"));
    String id = app.add(Work.plain("parked"));
    await()
        .during(Duration.ofMillis(400))
        .atMost(Duration.ofSeconds(2))
        .until(() -> app.admin().job(QUEUE, id).orElseThrow().state() == JobState.WAITING);
    assertThat(app.recorder().runs).isEmpty();
    assertThat(app.admin().counts(QUEUE).waiting()).isEqualTo(1);
  }

  @Test
  void shouldKeepLeasesOfLongRunningJobsAlive() {
    QueueApp app = start(Map.of("JOBS_LEASE_DURATION", "600ms"));
    String id = app.add(Work.sleeping("long", 1500));
    JobInfo done = app.awaitState(id, JobState.COMPLETED);

    assertThat(done.stalls()).isZero();
    assertThat(app.recorder().runsOf("long")).hasSize(1);
  }

  @Test
  void shouldCancelARunningJobWithoutARetry() {
    QueueApp app = start();
    Recorder recorder = app.recorder();
    QueueAdmin admin = app.admin();
    String id = app.add(Work.sleeping("long", 20_000), JobOptions.builder().attempts(3).build());
    app.awaitState(id, JobState.ACTIVE);
    await().atMost(Duration.ofSeconds(5)).until(() -> recorder.runs.size() == 1);

    assertThat(admin.cancel(QUEUE, id)).isTrue();
    JobInfo info = app.awaitState(id, JobState.FAILED);
    assertThat(info.failure().exceptionClass()).isEqualTo("Cancelled");
    assertThat(recorder.interrupted).containsExactly("long");
    assertThat(recorder.runsOf("long")).hasSize(1);
    assertThat(admin.cancel(QUEUE, id)).isFalse();
  }
}
