package dev.errand.tck.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.errand.queue.JobAttempt;
import dev.errand.queue.JobFailure;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.LatencySketch;
import dev.errand.queue.MinuteStats;
import dev.errand.queue.Retention;
import dev.errand.queue.WorkerProcess;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.LeasedJob;
import dev.errand.queue.spi.RunInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What operators' tools read besides the jobs themselves: the per-minute history that
 * acknowledgements write, each job's attempts and due time and the processes' heartbeats (payload
 * search has {@link QueueSearchContract}). Driven through the backend SPI, as a worker would.
 * Subclass it with {@link #createBackend()}.
 */
public abstract class QueueInsightContract extends DrivenQueueContract {

  private static final Lease LEASE = new Lease("insight-worker", Duration.ofSeconds(30), 1);
  private static final JobFailure BOOM = new JobFailure("Boom", "it broke\nsecond line", "trace");

  protected QueueInsightContract() {
    super("insight");
  }

  private LeasedJob lease(String id) {
    List<LeasedJob> jobs = backend.fetch(queue, LEASE, 1).jobs();
    assertThat(jobs).extracting(LeasedJob::id).containsExactly(id);
    return jobs.get(0);
  }

  private static RunInfo ran(long millis) {
    Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusMillis(millis);
    return new RunInfo(start, Duration.ofMillis(millis), "host-a/42");
  }

  private void ack(Ack ack) {
    assertThat(backend.acknowledge(queue, LEASE.token(), List.of(ack))).isEmpty();
  }

  private JobInfo job(String id) {
    return backend.admin().job(queue, id).orElseThrow();
  }

  private List<MinuteStats> lastHour() {
    Instant now = Instant.now();
    return backend.admin().history(queue, now.minus(Duration.ofHours(1)), now.plusSeconds(60));
  }

  @Test
  void shouldCountEndedAndFailedRunsPerMinuteWithTheirRunTimes() {
    String a = add("{}");
    String b = add("{}");
    String c = add("{}");
    String d = add("{}");
    List<LeasedJob> jobs = backend.fetch(queue, LEASE, 4).jobs();
    assertThat(jobs).hasSize(4);
    backend.acknowledge(
        queue,
        LEASE.token(),
        List.of(
            new Ack.Complete(a, null, Retention.keepAll(), ran(5)),
            new Ack.Retry(b, Instant.now().plusSeconds(60), BOOM, ran(50)),
            new Ack.Fail(c, BOOM, true, Retention.keepAll()),
            new Ack.Snooze(d, Instant.now().plusSeconds(60), ran(7))));

    List<MinuteStats> history = lastHour();
    long processed = history.stream().mapToLong(MinuteStats::processed).sum();
    long failed = history.stream().mapToLong(MinuteStats::failed).sum();
    LatencySketch latency =
        history.stream()
            .map(MinuteStats::latency)
            .reduce(LatencySketch.empty(), LatencySketch::plus);
    assertThat(processed).as("a snooze ends no run").isEqualTo(3);
    assertThat(failed).isEqualTo(2);
    assertThat(latency.count()).as("runs reported with their run time").isEqualTo(2);
    assertThat(latency.percentileMillis(0.5)).isCloseTo(5, within(1.0));
    assertThat(latency.percentileMillis(1)).isCloseTo(50, within(6.0));
    assertThat(history).allSatisfy(m -> assertThat(m.minute().getEpochSecond() % 60).isZero());
  }

  @Test
  void shouldNotCountARefusedAcknowledgement() {
    String id = add("{}");
    lease(id);
    assertThat(
            backend.acknowledge(
                queue,
                "not-the-owner",
                List.of(new Ack.Complete(id, null, Retention.keepAll(), ran(3)))))
        .containsExactly(id);
    assertThat(lastHour()).isEmpty();
    assertThat(job(id).attempts()).isEmpty();
  }

  @Test
  void shouldKeepEveryAttemptWithItsWorkerRunTimeAndError() {
    String id = add("{}");
    lease(id);
    RunInfo first = ran(12);
    ack(new Ack.Retry(id, Instant.now(), BOOM, first));
    lease(id);
    RunInfo second = ran(3);
    ack(new Ack.Complete(id, "1", Retention.keepAll(), second));

    List<JobAttempt> attempts = job(id).attempts();
    assertThat(attempts).hasSize(2);
    JobAttempt failedRun = attempts.get(0);
    assertThat(failedRun.attempt()).isEqualTo(1);
    assertThat(failedRun.startedAt()).isEqualTo(first.startedAt());
    assertThat(failedRun.finishedAt()).isEqualTo(first.finishedAt());
    assertThat(failedRun.durationMs()).isEqualTo(12);
    assertThat(failedRun.worker()).isEqualTo("host-a/42");
    assertThat(failedRun.failure()).isEqualTo(BOOM);
    JobAttempt completedRun = attempts.get(1);
    assertThat(completedRun.attempt()).isEqualTo(2);
    assertThat(completedRun.durationMs()).isEqualTo(3);
    assertThat(completedRun.failure()).isNull();
    assertThat(completedRun.startedAt()).isEqualTo(second.startedAt());
  }

  @Test
  void shouldKeepTheLastAttemptsOnly() {
    String id = add("{}");
    int runs = JobInfo.KEPT_ATTEMPTS + 5;
    for (int i = 1; i <= runs; i++) {
      lease(id);
      ack(new Ack.Retry(id, Instant.now(), new JobFailure("Boom", "run " + i, ""), ran(1)));
    }
    List<JobAttempt> attempts = job(id).attempts();
    assertThat(attempts).hasSize(JobInfo.KEPT_ATTEMPTS);
    assertThat(attempts.get(0).attempt()).isEqualTo(6);
    assertThat(attempts.get(attempts.size() - 1).failure().message()).isEqualTo("run " + runs);
  }

  @Test
  void shouldSayWhenADelayedOrRetryingJobRuns() {
    Instant inAnHour = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
    String delayed =
        backend.add(queue, List.of(new JobDraft("job", "{}", null, null, 0, inAnHour))).get(0);
    // Redis turns a due time into a delay on its own clock: a millisecond may move.
    assertThat(job(delayed).runsAt()).isCloseTo(inAnHour, within(1, ChronoUnit.SECONDS));

    String retrying = add("{}");
    lease(retrying);
    Instant later = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
    ack(new Ack.Retry(retrying, later, BOOM, ran(1)));
    JobInfo retried = job(retrying);
    assertThat(retried.state()).isEqualTo(JobState.DELAYED);
    assertThat(retried.runsAt()).isCloseTo(later, within(1, ChronoUnit.SECONDS));

    String waiting = add("{}");
    assertThat(job(waiting).runsAt()).isNull();
  }

  @Test
  void shouldListAProcessUntilItsHeartbeatLapsesOrEnds() {
    Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    WorkerProcess lasting = process("lasting", started);
    WorkerProcess brief = process("brief", started);
    backend.heartbeat(lasting, Duration.ofSeconds(30));
    backend.heartbeat(brief, Duration.ofMillis(500));

    List<WorkerProcess> seen = backend.admin().processes();
    assertThat(seen).extracting(WorkerProcess::id).contains(lasting.id(), brief.id());
    WorkerProcess read =
        seen.stream().filter(p -> p.id().equals(lasting.id())).findFirst().orElseThrow();
    assertThat(read.host()).isEqualTo("host-lasting");
    assertThat(read.pid()).isEqualTo(4242);
    assertThat(read.app()).isEqualTo("app-lasting");
    assertThat(read.startedAt()).isEqualTo(started);
    assertThat(read.lastSeen()).isNotNull();
    assertThat(read.queues()).containsExactly(new WorkerProcess.Consumed(queue, 4));
    assertThat(read.running())
        .containsExactly(new WorkerProcess.Running(queue, "7", "send", started));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> backend.admin().processes().stream().noneMatch(p -> p.id().equals(brief.id())));
    assertThat(backend.admin().processes()).extracting(WorkerProcess::id).contains(lasting.id());

    backend.endHeartbeat(lasting.id());
    assertThat(backend.admin().processes())
        .extracting(WorkerProcess::id)
        .doesNotContain(lasting.id());
  }

  private WorkerProcess process(String name, Instant started) {
    return new WorkerProcess(
        UUID.randomUUID().toString(),
        "host-" + name,
        4242,
        "app-" + name,
        started,
        started,
        List.of(new WorkerProcess.Consumed(queue, 4)),
        List.of(new WorkerProcess.Running(queue, "7", "send", started)));
  }

  @Test
  void shouldRecordRunsOfARealWorkerAndListItsProcess() {
    QueueApp app = start();
    String failing = app.add(Work.failingUntil("twice", 2));
    String plain = app.add(Work.plain("once"));
    app.awaitState(failing, JobState.COMPLETED);
    app.awaitState(plain, JobState.COMPLETED);

    JobInfo job = app.admin().job(QUEUE, failing).orElseThrow();
    assertThat(job.attempts()).extracting(JobAttempt::attempt).containsExactly(1, 2);
    String worker = job.attempts().get(0).worker();
    assertThat(worker).endsWith("/" + ProcessHandle.current().pid());
    assertThat(job.attempts().get(0).failure()).isNotNull();
    assertThat(job.attempts().get(1).failure()).isNull();

    Instant now = Instant.now();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                app
                        .admin()
                        .history(QUEUE, now.minus(Duration.ofHours(1)), now.plusSeconds(60))
                        .stream()
                        .mapToLong(MinuteStats::processed)
                        .sum()
                    == 3);
    assertThat(app.admin().processes())
        .anySatisfy(
            p -> {
              assertThat(p.pid()).isEqualTo(ProcessHandle.current().pid());
              assertThat(p.queues()).contains(new WorkerProcess.Consumed(QUEUE, 10));
            });
  }
}
