package dev.errand.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.queue.JobState;
import dev.errand.queue.Retention;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When acknowledgements apply a retention rule, and so how far past it a table can grow. */
class PgRetentionPaceTest {

  private final PgRetentionPace pace = new PgRetentionPace();

  @Test
  void shouldApplyACountRuleAfterATenthOfItsCountAtMostAHundredJobs() {
    Retention thousand = Retention.keepLast(1000);
    assertThat(pace.due("q", JobState.COMPLETED, thousand, 1, 0)).isTrue();
    for (int job = 1; job < 100; job++) {
      assertThat(pace.due("q", JobState.COMPLETED, thousand, 1, job)).as("job %d", job).isFalse();
    }
    assertThat(pace.due("q", JobState.COMPLETED, thousand, 1, 100)).isTrue();

    Retention fifty = Retention.keepLast(50);
    assertThat(pace.due("q", JobState.COMPLETED, fifty, 1, 0)).isTrue();
    assertThat(pace.due("q", JobState.COMPLETED, fifty, 4, 0)).isFalse();
    assertThat(pace.due("q", JobState.COMPLETED, fifty, 1, 0)).isTrue();

    Retention million = Retention.keepLast(1_000_000);
    assertThat(pace.due("q", JobState.COMPLETED, million, 1, 0)).isTrue();
    assertThat(pace.due("q", JobState.COMPLETED, million, 99, 0)).isFalse();
    assertThat(pace.due("q", JobState.COMPLETED, million, 1, 0)).isTrue();
  }

  @Test
  void shouldApplyASmallCountRuleAfterEveryAcknowledgement() {
    Retention two = Retention.keepLast(2);
    for (int ack = 0; ack < 5; ack++) {
      assertThat(pace.due("q", JobState.COMPLETED, two, 1, ack)).isTrue();
    }
  }

  @Test
  void shouldApplyAnAgeRuleAfterATenthOfItsAgeAtMostASecond() {
    Retention brief = Retention.keepFor(Duration.ofMillis(200));
    assertThat(pace.due("q", JobState.COMPLETED, brief, 1, 1_000)).isTrue();
    assertThat(pace.due("q", JobState.COMPLETED, brief, 1, 1_019)).isFalse();
    assertThat(pace.due("q", JobState.COMPLETED, brief, 1, 1_020)).isTrue();

    Retention day = Retention.keepFor(Duration.ofDays(1));
    assertThat(pace.due("q", JobState.FAILED, day, 1, 0)).isTrue();
    assertThat(pace.due("q", JobState.FAILED, day, 500, 999)).isFalse();
    assertThat(pace.due("q", JobState.FAILED, day, 1, 1_000)).isTrue();
  }

  @Test
  void shouldKeepEachQueueStateAndRuleApart() {
    Retention thousand = Retention.keepLast(1000);
    assertThat(pace.due("a", JobState.COMPLETED, thousand, 1, 0)).isTrue();
    assertThat(pace.due("b", JobState.COMPLETED, thousand, 1, 0)).isTrue();
    assertThat(pace.due("a", JobState.FAILED, thousand, 1, 0)).isTrue();
    assertThat(pace.due("a", JobState.COMPLETED, Retention.keepLast(999), 1, 0)).isTrue();
    assertThat(pace.due("a", JobState.COMPLETED, thousand, 1, 0)).isFalse();
  }

  @Test
  void shouldApplyARuleAgainAfterATrimThatFilledItsBatch() {
    Retention thousand = Retention.keepLast(1000);
    assertThat(pace.due("q", JobState.COMPLETED, thousand, 1, 0)).isTrue();
    pace.again("q", JobState.COMPLETED, thousand);
    assertThat(pace.due("q", JobState.COMPLETED, thousand, 1, 0)).isTrue();
  }

  @Test
  void shouldRememberABoundedNumberOfRulesAndApplyAForgottenOneAtOnce() {
    Retention kept = Retention.keepLast(1000);
    assertThat(pace.due("q", JobState.COMPLETED, kept, 1, 0)).isTrue();
    assertThat(pace.due("q", JobState.COMPLETED, kept, 1, 1)).isFalse();
    // Jobs of their own retention each: a rule per job.
    for (int job = 0; job < 5 * PgRetentionPace.MOST_RULES; job++) {
      pace.due("q", JobState.COMPLETED, Retention.keepLast(2000 + job), 1, job);
      assertThat(pace.rules()).isLessThanOrEqualTo(PgRetentionPace.MOST_RULES);
    }

    // Forgotten on the way: applied by the next acknowledgement, as a new rule is.
    assertThat(pace.due("q", JobState.COMPLETED, kept, 1, 2)).isTrue();
  }
}
