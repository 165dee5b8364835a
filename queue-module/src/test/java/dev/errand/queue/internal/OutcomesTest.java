package dev.errand.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.queue.Backoff;
import dev.errand.queue.Retention;
import dev.errand.queue.UnrecoverableJobException;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.LeasedJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomesTest {

  private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
  private static final RunOptions OPTIONS =
      new RunOptions(
          3,
          Backoff.fixed(Duration.ofSeconds(10)),
          Duration.ofMillis(250),
          Retention.keepLast(5),
          Retention.keepLast(7));

  private final Outcomes outcomes = new Outcomes(context());

  @Test
  void shouldRetryAfterTheBackoffWhileAttemptsRemain() {
    Ack.Retry retry =
        as(
            Ack.Retry.class,
            outcomes.failed(run(2, null), OPTIONS, new IllegalStateException("boom")));

    assertThat(retry.runAt()).isEqualTo(NOW.plusSeconds(10));
    assertThat(retry.failure().exceptionClass()).isEqualTo(IllegalStateException.class.getName());
    assertThat(retry.failure().message()).isEqualTo("boom");
  }

  @Test
  void shouldDeadLetterTheRunThatUsedTheLastAttempt() {
    Ack.Fail fail =
        as(
            Ack.Fail.class,
            outcomes.failed(run(3, null), OPTIONS, new IllegalStateException("boom")));

    assertThat(fail.dead()).isTrue();
    assertThat(fail.retention()).isEqualTo(Retention.keepLast(7));
  }

  @Test
  void shouldFailAnUnrecoverableErrorWithoutARetry() {
    Ack.Fail fail =
        as(
            Ack.Fail.class,
            outcomes.failed(run(1, null), OPTIONS, new UnrecoverableJobException("no such user")));

    assertThat(fail.dead()).isFalse();
    assertThat(fail.failure().message()).isEqualTo("no such user");
  }

  @Test
  void shouldNameTheTimeoutOfARunPastIt() {
    Ack.Retry retry =
        as(Ack.Retry.class, outcomes.failed(run(1, RunningJob.Cancel.TIMEOUT), OPTIONS, null));

    assertThat(retry.failure().exceptionClass()).isEqualTo("Timeout");
    assertThat(retry.failure().message())
        .isEqualTo("Job 42 of queue 'mail' ran past its timeout of 250 ms and was interrupted");
  }

  @Test
  void shouldFailACancelledRunWithoutARetryWhateverItsAttempts() {
    Ack.Fail fail =
        as(Ack.Fail.class, outcomes.failed(run(1, RunningJob.Cancel.CANCELLED), OPTIONS, null));

    assertThat(fail).isEqualTo(outcomes.cancelled(job(1), Retention.keepLast(7)));
    assertThat(fail.dead()).isFalse();
    assertThat(fail.failure().exceptionClass()).isEqualTo("Cancelled");
  }

  @Test
  void shouldCompleteWithTheResultAndTheCompletedRetention() {
    assertThat(outcomes.completed(job(1), "\"sent\"", OPTIONS))
        .isEqualTo(new Ack.Complete("42", "\"sent\"", Retention.keepLast(5)));
  }

  @Test
  void shouldFailAJobNoHandlerTakesWithoutARetry() {
    Ack.Fail fail = as(Ack.Fail.class, outcomes.noHandler(job(1), OPTIONS));

    assertThat(fail.dead()).isFalse();
    assertThat(fail.failure().exceptionClass()).isEqualTo("NoHandler");
    assertThat(fail.failure().message()).contains("@Process(\"send\")");
  }

  private static <T extends Ack> T as(Class<T> type, Ack ack) {
    assertThat(ack).isInstanceOf(type);
    return type.cast(ack);
  }

  private static LeasedJob job(int attempt) {
    return new LeasedJob("42", "send", "{}", null, attempt);
  }

  private static RunningJob run(int attempt, RunningJob.Cancel cancel) {
    RunningJob run = new RunningJob(job(attempt));
    if (cancel != null) {
      run.cancel(cancel);
    }
    return run;
  }

  private static WorkerContext context() {
    return new WorkerContext(
        "mail",
        null,
        null,
        TestWorkers.config(1),
        null,
        new BackoffCalculator(Map.of()),
        Clock.fixed(NOW, ZoneOffset.UTC),
        null,
        null,
        null,
        null);
  }
}
