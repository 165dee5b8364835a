package dev.errand.tck.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.queue.JobEvent;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobState;
import dev.errand.tck.queue.ContractProcessor.Nap;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * How a job's flow is steered: snoozing a run without spending an attempt. Subclass it with {@link
 * #createBackend()}.
 */
public abstract class QueueFlowContract extends QueueContract {

  private static final JobOptions ONE_ATTEMPT = JobOptions.builder().attempts(1).build();

  @Test
  void shouldSnoozeWithoutCountingAnAttempt() throws Exception {
    QueueApp app = start();
    ConcurrentLinkedQueue<JobEvent> published = new ConcurrentLinkedQueue<>();
    try (AutoCloseable subscription = app.subscribe(published)) {
      // One attempt only: were a snooze a failure, the job would fail on its first.
      String id = app.queue().add(ContractProcessor.NAP, new Nap("nap", 2, 150), ONE_ATTEMPT);
      JobInfo done = app.awaitState(id, JobState.COMPLETED);

      List<Recorder.Run> runs = app.recorder().runsOf("nap");
      assertThat(runs).extracting(Recorder.Run::attempt).containsExactly(1, 1, 1);
      assertThat(runs.get(1).startedAt() - runs.get(0).startedAt()).isGreaterThanOrEqualTo(150);
      assertThat(runs.get(2).startedAt() - runs.get(1).startedAt()).isGreaterThanOrEqualTo(150);
      assertThat(done.attemptsMade()).isEqualTo(1);
      assertThat(done.failure()).isNull();
      assertThat(snoozesOf(id, heard)).isEqualTo(2);
      await().atMost(Duration.ofSeconds(5)).until(() -> snoozesOf(id, published) == 2);
    }
  }

  @Test
  void shouldHoldASnoozedJobDelayedUntilItIsDue() {
    QueueApp app = start();
    String id = app.queue().add(ContractProcessor.NAP, new Nap("long-nap", 1, 3_600_000));

    JobInfo snoozed = app.awaitState(id, JobState.DELAYED);
    assertThat(snoozed.attemptsMade()).isZero();
    assertThat(app.recorder().runsOf("long-nap")).hasSize(1);
    assertThat(app.admin().counts(QUEUE).delayed()).isEqualTo(1);
  }

  @Test
  void shouldRunASnoozeOfZeroAgainAtOnce() {
    QueueApp app = start();
    String id = app.queue().add(ContractProcessor.NAP, new Nap("nap-now", 3, 0), ONE_ATTEMPT);

    app.awaitState(id, JobState.COMPLETED);
    assertThat(app.recorder().runsOf("nap-now"))
        .extracting(Recorder.Run::attempt)
        .containsExactly(1, 1, 1, 1);
  }

  private static long snoozesOf(String id, Iterable<JobEvent> events) {
    long n = 0;
    for (JobEvent e : events) {
      if (e.type() == JobEvent.Type.SNOOZED && e.id().equals(id)) {
        n++;
      }
    }
    return n;
  }
}
