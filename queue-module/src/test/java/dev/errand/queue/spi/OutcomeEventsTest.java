package dev.errand.queue.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.queue.JobEvent;
import dev.errand.queue.JobFailure;
import dev.errand.queue.Retention;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeEventsTest {

  private static final JobFailure BOOM =
      new JobFailure("java.lang.IllegalStateException", "boom", "");

  @Test
  void shouldMapACompletionToCompletedWithItsResult() {
    List<JobEvent> events = emitted(new Ack.Complete("7", "\"done\"", Retention.keepAll()));

    assertThat(events)
        .containsExactly(
            new JobEvent(JobEvent.Type.COMPLETED, "mail", "7", "send", 2, "\"done\"", null));
  }

  @Test
  void shouldMapARetryToRetryingWithItsFailure() {
    List<JobEvent> events = emitted(new Ack.Retry("7", Instant.EPOCH, BOOM));

    assertThat(events)
        .containsExactly(new JobEvent(JobEvent.Type.RETRYING, "mail", "7", "send", 2, null, BOOM));
  }

  @Test
  void shouldMapADeadFailureToDeadThenFailed() {
    List<JobEvent> events = emitted(new Ack.Fail("7", BOOM, true, Retention.keepAll()));

    assertThat(events)
        .containsExactly(
            new JobEvent(JobEvent.Type.DEAD, "mail", "7", "send", 2, null, BOOM),
            new JobEvent(JobEvent.Type.FAILED, "mail", "7", "send", 2, null, BOOM));
  }

  @Test
  void shouldMapAFailureWithAttemptsLeftToFailedAlone() {
    List<JobEvent> events = emitted(new Ack.Fail("7", BOOM, false, Retention.none()));

    assertThat(events)
        .containsExactly(new JobEvent(JobEvent.Type.FAILED, "mail", "7", "send", 2, null, BOOM));
  }

  @Test
  void shouldReportAJobThatDiedOfStallsAsDeadThenFailed() {
    List<JobEvent> events = new ArrayList<>();
    OutcomeEvents.died("mail", "7", "send", 3, BOOM, events::add);

    assertThat(events)
        .extracting(JobEvent::type)
        .containsExactly(JobEvent.Type.DEAD, JobEvent.Type.FAILED);
    assertThat(events).allSatisfy(e -> assertThat(e.isFinal()).isTrue());
  }

  private static List<JobEvent> emitted(Ack ack) {
    List<JobEvent> events = new ArrayList<>();
    OutcomeEvents.emit("mail", "send", 2, ack, events::add);
    return events;
  }
}
