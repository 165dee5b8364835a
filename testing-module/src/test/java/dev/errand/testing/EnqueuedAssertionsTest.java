package dev.errand.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.queue.JobOptions;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueService;
import dev.errand.testing.sample.Jobs;
import dev.errand.testing.sample.SampleApp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EnqueuedAssertionsTest {

  private static final Instant START = Instant.parse("2031-06-01T12:00:00Z");

  @RegisterExtension
  static final ErrandExtension errand =
      ErrandExtension.builder().adapters(SampleApp::adapters).startAt(START).build();

  private QueueService queue() {
    return errand.get(QueueService.class);
  }

  @Test
  void shouldReadEnqueuedPayloadsAsTheirJobTypeInTheOrderTheyWillRun() {
    queue().add(Jobs.WELCOME, new Jobs.Welcome("bob@example.com", "Bob"));
    queue()
        .add(
            Jobs.WELCOME,
            new Jobs.Welcome("ada@example.com", "Ada"),
            JobOptions.builder().priority(5).build());
    queue().add(Jobs.REMINDER, new Jobs.Reminder("monday"));

    assertThat(errand.enqueued(Jobs.WELCOME))
        .containsExactly(
            new Jobs.Welcome("ada@example.com", "Ada"), new Jobs.Welcome("bob@example.com", "Bob"));
    assertThat(errand.enqueued(Jobs.REMINDER)).containsExactly(new Jobs.Reminder("monday"));
    assertThat(errand.enqueued(Jobs.STEP)).isEmpty();
  }

  @Test
  void shouldAssertEnqueuedWithAMatchingPayloadAndReturnItsOptions() {
    queue().add(Jobs.SIGN_UP, new Jobs.SignUp("ada@example.com", "Ada"));
    errand.drain("accounts"); // adds a welcome (priority 10, jobId) and an export in an hour

    EnqueuedJob<Jobs.Welcome> welcome =
        errand.assertEnqueued(Jobs.WELCOME, mail -> mail.email().equals("ada@example.com"));
    assertThat(welcome.id()).isEqualTo("welcome-ada@example.com");
    assertThat(welcome.priority()).isEqualTo(10);
    assertThat(welcome.state()).isEqualTo(JobState.WAITING);
    assertThat(welcome.delay()).isZero();
    assertThat(welcome.addedAt()).isEqualTo(START);

    EnqueuedJob<Jobs.Welcome> export = errand.assertEnqueued(Jobs.EXPORT);
    assertThat(export.state()).isEqualTo(JobState.DELAYED);
    assertThat(export.delay()).isEqualTo(Duration.ofHours(1));
    assertThat(export.runAt()).isEqualTo(START.plus(Duration.ofHours(1)));
  }

  @Test
  void shouldListWhatIsEnqueuedWhenNoPayloadMatches() {
    queue().add(Jobs.WELCOME, new Jobs.Welcome("bob@example.com", "Bob"));

    assertThatThrownBy(
            () -> errand.assertEnqueued(Jobs.WELCOME, mail -> mail.email().startsWith("ada")))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected a job 'send-welcome' (queue 'email') with a matching payload to be enqueued,"
                + " but none of the 1 enqueued matches: Welcome[email=bob@example.com, name=Bob]");
    assertThatThrownBy(() -> errand.assertEnqueued(Jobs.REMINDER))
        .isInstanceOf(AssertionError.class)
        .hasMessageEndingWith("but none is");
  }

  @Test
  void shouldCountEnqueuedJobsOfAType() {
    queue().add(Jobs.REMINDER, new Jobs.Reminder("monday"));
    queue()
        .add(
            Jobs.REMINDER,
            new Jobs.Reminder("tuesday"),
            JobOptions.builder().delay(Duration.ofDays(1)).build());

    errand.assertEnqueuedCount(Jobs.REMINDER, 2);
    errand.assertEnqueuedCount(Jobs.WELCOME, 0);
    assertThatThrownBy(() -> errand.assertEnqueuedCount(Jobs.REMINDER, 1))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected 1 job(s) 'reminder' (queue 'email') enqueued, but 2 are:"
                + " Reminder[day=monday], Reminder[day=tuesday]");
  }

  @Test
  void shouldAssertWhatIsNotEnqueued() {
    queue().add(Jobs.REMINDER, new Jobs.Reminder("monday"));

    errand.assertNotEnqueued(Jobs.REMINDER, reminder -> reminder.day().equals("sunday"));
    errand.assertNotEnqueued(Jobs.WELCOME, mail -> true);
    assertThatThrownBy(() -> errand.assertNotEnqueued(Jobs.REMINDER, r -> true))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "Expected no job 'reminder' (queue 'email') like this to be enqueued, but 1 is:"
                + " Reminder[day=monday]");
    assertThatThrownBy(errand::assertNothingEnqueued)
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected no job enqueued, but found 1: [email/reminder {\"day\":\"monday\"}]");

    errand.drain();
    errand.assertNothingEnqueued();
  }
}
