package dev.errand.tck.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.errand.queue.JobInfo;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobState;
import dev.errand.queue.NewJob;
import dev.errand.queue.Retention;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How jobs get in and to their handler: adds one by one and in bulk, idempotent job ids, priority
 * and FIFO order, delays and run times, typed payloads and the handler they reach. Subclass it with
 * {@link #createBackend()}.
 */
public abstract class QueueDispatchContract extends QueueContract {

  private static JobOptions priority(int priority) {
    return JobOptions.builder().priority(priority).build();
  }

  @Test
  void shouldRunHigherPriorityFirstAndFifoWithinAPriority() {
    QueueApp app = start(Map.of("JOBS_QUEUE_CONTRACT_CONCURRENCY", "1"));
    Recorder recorder = app.recorder();
    app.add(Work.gated("gate"));
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.runs.size() == 1);

    app.add(Work.plain("low-1"));
    app.add(Work.plain("high-1"), priority(5));
    app.add(Work.plain("low-2"));
    app.add(Work.plain("high-2"), priority(5));
    app.add(Work.plain("mid"), priority(2));
    app.add(Work.plain("lowest"), priority(-3));
    recorder.gate.countDown();

    app.awaitFinished(7);
    assertThat(recorder.keysInOrder())
        .containsExactly("gate", "high-1", "high-2", "mid", "low-1", "low-2", "lowest");
  }

  @Test
  void shouldHoldDelayedJobsUntilTheirRunTime() {
    QueueApp app = start();
    Recorder recorder = app.recorder();
    long added = System.currentTimeMillis();
    String delayed =
        app.add(Work.plain("delayed"), JobOptions.builder().delay(Duration.ofMillis(500)).build());
    String scheduled =
        app.add(
            Work.plain("scheduled"),
            JobOptions.builder().runAt(Instant.ofEpochMilli(added + 300)).build());
    app.add(Work.plain("now"));

    assertThat(app.admin().job(QUEUE, delayed).orElseThrow().state())
        .isIn(JobState.DELAYED, JobState.WAITING, JobState.ACTIVE, JobState.COMPLETED);
    app.awaitFinished(3);
    assertThat(recorder.keysInOrder()).containsExactly("now", "scheduled", "delayed");
    assertThat(recorder.runsOf("delayed").get(0).startedAt()).isGreaterThanOrEqualTo(added + 500);
    assertThat(recorder.runsOf("scheduled").get(0).startedAt()).isGreaterThanOrEqualTo(added + 300);
    app.awaitState(scheduled, JobState.COMPLETED);
  }

  @Test
  void shouldReportDelayedStateBeforeTheRunTime() {
    QueueApp app = start(Map.of("JOBS_ENABLED", "false"));
    String id =
        app.add(Work.plain("later"), JobOptions.builder().delay(Duration.ofMinutes(5)).build());
    assertThat(app.admin().job(QUEUE, id).orElseThrow().state()).isEqualTo(JobState.DELAYED);
    assertThat(app.admin().counts(QUEUE).delayed()).isEqualTo(1);
  }

  @Test
  void shouldAddNothingWhileAJobWithTheSameJobIdExists() {
    QueueApp app = start();
    JobOptions once = JobOptions.builder().jobId("invoice-7").build();
    String first = app.add(Work.plain("invoice"), once);
    String second = app.add(Work.plain("invoice"), once);
    app.awaitState(first, JobState.COMPLETED);
    String third = app.add(Work.plain("invoice"), once);

    assertThat(first).isEqualTo("invoice-7").isEqualTo(second).isEqualTo(third);
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> app.recorder().runsOf("invoice").size() == 1);
  }

  @Test
  void shouldAcceptTheJobIdAgainOnceItsJobIsRemoved() {
    QueueApp app = start();
    JobOptions once =
        JobOptions.builder().jobId("welcome-ada").removeOnComplete(Retention.none()).build();
    app.add(Work.plain("welcome"), once);
    app.awaitFinished(1);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> app.admin().job(QUEUE, "welcome-ada").isEmpty());
    app.add(Work.plain("welcome"), once);
    app.awaitFinished(2);
  }

  @Test
  void shouldFailAJobWhosePayloadNoLongerMapsAndKeepGoing() {
    QueueApp app = start();
    String bad = app.queue().add(QUEUE, "count", Map.of("value", "not a number"));
    String good = app.queue().add(QUEUE, "count", new ContractProcessor.Count(7));

    JobInfo failed = app.awaitState(bad, JobState.FAILED);
    assertThat(failed.failure().exceptionClass()).isEqualTo("PayloadMismatch");
    assertThat(failed.failure().message())
        .contains(bad)
        .contains("Count")
        .contains(ContractProcessor.class.getName() + "#count");
    app.awaitState(good, JobState.COMPLETED);
    assertThat(app.recorder().finished).containsExactly("count-7");
  }

  @Test
  void shouldSendUnnamedJobsToTheCatchAllHandler() {
    QueueApp app = start();
    String id = app.queue().add(QUEUE, "something-else", Map.of("key", "caught"));
    app.awaitState(id, JobState.COMPLETED);
    assertThat(app.recorder().runsOf("caught"))
        .extracting(Recorder.Run::name)
        .containsExactly("something-else");
  }

  @Test
  void shouldGiveHandlersTheirJobContext() {
    QueueApp app = start();
    String id = app.queue().add(QUEUE, "report", Work.plain("report"));
    JobInfo done = app.awaitState(id, JobState.COMPLETED);

    Recorder.Run run = app.recorder().runsOf("report").get(0);
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
  void shouldAcceptJobsForAQueueNobodyHereConsumes() {
    QueueApp app = start();
    String id = app.queue().add("elsewhere", "anything", Map.of("a", 1));
    assertThat(app.admin().job("elsewhere", id).orElseThrow().state()).isEqualTo(JobState.WAITING);
    assertThat(app.admin().jobs("elsewhere", JobState.WAITING, 0, 5)).hasSize(1);
  }

  @Test
  void shouldAddInBulkAcrossQueuesKeepingTheOrderOfIds() {
    QueueApp app = start();
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      jobs.add(ContractProcessor.WORK.job(Work.plain("bulk-" + i)));
      jobs.add(NewJob.of("elsewhere", "x", Map.of("i", i)));
    }
    List<String> ids = app.queue().addBulk(jobs);

    assertThat(ids).hasSize(100).doesNotContainNull();
    app.awaitFinished(50);
    assertThat(app.admin().job(QUEUE, ids.get(0)).orElseThrow().payload()).contains("bulk-0");
    assertThat(app.admin().job("elsewhere", ids.get(99)).orElseThrow().payload()).contains("49");
    assertThat(app.admin().counts("elsewhere").waiting()).isEqualTo(50);
  }

  @Test
  void shouldRejectAPayloadThatCannotBeWrittenAtOnce() {
    QueueApp app = start();
    assertThatThrownBy(() -> app.queue().add(QUEUE, "work", new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'work'")
        .hasMessageContaining("'contract'");
    assertThat(app.admin().counts(QUEUE).waiting()).isZero();
  }
}
