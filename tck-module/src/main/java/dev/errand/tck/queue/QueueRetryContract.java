package dev.errand.tck.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.queue.Backoff;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What happens when a handler fails: backoffs between attempts, the attempts limit, dead letters
 * and their retry, unrecoverable errors and timeouts. Subclass it with {@link #createBackend()}.
 */
public abstract class QueueRetryContract extends QueueContract {

  private static JobOptions retries(int attempts, Backoff backoff) {
    return JobOptions.builder().attempts(attempts).backoff(backoff).build();
  }

  /** Runs limited to {@code timeout}, retried quickly. */
  private static JobOptions timingOut(Duration timeout, int attempts) {
    return JobOptions.builder()
        .timeout(timeout)
        .attempts(attempts)
        .backoff(Backoff.fixed(Duration.ofMillis(10)))
        .build();
  }

  /** The time between one run's start and the next one's. */
  private static List<Long> gaps(List<Recorder.Run> runs) {
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < runs.size(); i++) {
      gaps.add(runs.get(i).startedAt() - runs.get(i - 1).startedAt());
    }
    return gaps;
  }

  @Test
  void shouldRetryWithFixedBackoff() {
    QueueApp app = start();
    String id =
        app.add(Work.failingUntil("fixed", 3), retries(3, Backoff.fixed(Duration.ofMillis(150))));
    JobInfo done = app.awaitState(id, JobState.COMPLETED);

    List<Recorder.Run> runs = app.recorder().runsOf("fixed");
    assertThat(runs).extracting(Recorder.Run::attempt).containsExactly(1, 2, 3);
    assertThat(gaps(runs)).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(150));
    assertThat(done.attemptsMade()).isEqualTo(3);
    assertThat(done.result()).isEqualTo("\"done-fixed\"");
    assertThat(done.options()).contains("\"attempts\":3").contains("\"fixed\"");
  }

  @Test
  void shouldRetryWithExponentialBackoff() {
    QueueApp app = start();
    String id =
        app.add(
            Work.failingUntil("exp", 4), retries(4, Backoff.exponential(Duration.ofMillis(80))));
    app.awaitState(id, JobState.COMPLETED);

    List<Long> gaps = gaps(app.recorder().runsOf("exp"));
    assertThat(gaps).hasSize(3);
    assertThat(gaps.get(0)).isGreaterThanOrEqualTo(80);
    assertThat(gaps.get(1)).isGreaterThanOrEqualTo(160);
    assertThat(gaps.get(2)).isGreaterThanOrEqualTo(320);
  }

  @Test
  void shouldRetryWithANamedCustomBackoff() {
    QueueApp app = start();
    String id = app.add(Work.failingUntil("custom", 3), retries(3, Backoff.custom("linear")));
    app.awaitState(id, JobState.COMPLETED);

    List<Long> gaps = gaps(app.recorder().runsOf("custom"));
    assertThat(gaps.get(0)).isGreaterThanOrEqualTo(60);
    assertThat(gaps.get(1)).isGreaterThanOrEqualTo(120);
  }

  @Test
  void shouldUseQueueDefaultsFromSettingsWhenTheJobSetsNone() {
    QueueApp app =
        start(
            Map.of(
                "JOBS_QUEUE_CONTRACT_ATTEMPTS", "2",
                "JOBS_QUEUE_CONTRACT_BACKOFF_TYPE", "fixed",
                "JOBS_QUEUE_CONTRACT_BACKOFF_DELAY", "100ms"));
    String id = app.add(Work.failingUntil("defaults", 5));
    JobInfo dead = app.awaitState(id, JobState.DEAD);

    assertThat(dead.attemptsMade()).isEqualTo(2);
    assertThat(gaps(app.recorder().runsOf("defaults")).get(0)).isGreaterThanOrEqualTo(100);
  }

  @Test
  void shouldDeadLetterAJobWhoseAttemptsRanOutAndRetryItFromThere() {
    QueueApp app = start();
    String id =
        app.add(
            Work.failingUnlessHealed("broken"), retries(2, Backoff.fixed(Duration.ofMillis(10))));
    JobInfo dead = app.awaitState(id, JobState.DEAD);

    assertThat(dead.attemptsMade()).isEqualTo(2);
    assertThat(dead.failure().exceptionClass()).isEqualTo(IllegalStateException.class.getName());
    assertThat(dead.failure().message()).isEqualTo("still broken: broken");
    assertThat(dead.failure().stackTrace()).contains("ContractProcessor.work");
    assertThat(app.admin().counts(QUEUE).dead()).isEqualTo(1);
    assertThat(app.admin().jobs(QUEUE, JobState.DEAD, 0, 10))
        .extracting(JobInfo::id)
        .containsExactly(id);

    app.recorder().healed.set(true);
    assertThat(app.admin().retry(QUEUE, id)).isTrue();
    JobInfo done = app.awaitState(id, JobState.COMPLETED);
    assertThat(done.attemptsMade()).isEqualTo(1);
    assertThat(done.failure()).isNull();
    assertThat(app.admin().counts(QUEUE).dead()).isZero();
    assertThat(app.admin().retry(QUEUE, id)).isFalse();
  }

  @Test
  void shouldFailAnUnrecoverableErrorAtOnce() {
    QueueApp app = start();
    String id = app.add(Work.unrecoverable("hopeless"), JobOptions.builder().attempts(5).build());
    JobInfo failed = app.awaitState(id, JobState.FAILED);

    assertThat(failed.attemptsMade()).isEqualTo(1);
    assertThat(failed.failure().message()).isEqualTo("cannot ever work: hopeless");
    assertThat(app.recorder().runsOf("hopeless")).hasSize(1);
    assertThat(app.admin().counts(QUEUE).failed()).isEqualTo(1);
  }

  @Test
  void shouldInterruptAHandlerPastItsTimeoutAndCountTheAttemptAsFailed() {
    QueueApp app = start();
    String id = app.add(Work.sleeping("slow", 10_000), timingOut(Duration.ofMillis(200), 2));
    JobInfo dead = app.awaitState(id, JobState.DEAD);

    assertThat(dead.attemptsMade()).isEqualTo(2);
    assertThat(dead.failure().exceptionClass()).isEqualTo("Timeout");
    assertThat(dead.failure().message()).contains(id).contains("200 ms");
    assertThat(app.recorder().interrupted).containsExactly("slow", "slow");
  }

  @Test
  void shouldFailTheRunOfAHandlerThatIgnoresItsTimeout() {
    QueueApp app = start();
    String id = app.add(Work.stubborn("stubborn", 4000), timingOut(Duration.ofMillis(100), 1));
    JobInfo dead = app.awaitState(id, JobState.DEAD);

    assertThat(dead.failure().exceptionClass()).isEqualTo("Timeout");
    assertThat(app.recorder().finished).doesNotContain("stubborn");
  }
}
