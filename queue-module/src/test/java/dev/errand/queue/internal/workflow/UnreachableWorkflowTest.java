package dev.errand.queue.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.Retention;
import dev.errand.queue.internal.memory.MemoryBackend;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.LeasedJob;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.queue.spi.WorkflowJobIds;
import dev.errand.queue.spi.WorkflowStore;
import dev.errand.testsupport.CapturedLog;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A step whose workflow cannot record how it finished is not acknowledged as finished: it runs
 * again a second later, when settling is tried again, so its outcome is never lost. The warning
 * says what becomes of the steps, which differs for a removed one.
 */
class UnreachableWorkflowTest {

  private CapturedLog logged;

  @BeforeEach
  void capture() {
    logged = CapturedLog.of(StepSettler.class);
  }

  @AfterEach
  void release() {
    logged.close();
  }

  private List<String> warnings() {
    return logged.at(Level.WARN).stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  /** A store whose every call fails, as one whose server is down would. */
  private static WorkflowStore unreachable() {
    return (WorkflowStore)
        Proxy.newProxyInstance(
            WorkflowStore.class.getClassLoader(),
            new Class<?>[] {WorkflowStore.class},
            (proxy, method, args) -> {
              throw new IllegalStateException("workflow store unreachable");
            });
  }

  @Test
  void shouldRunAStepAgainWhenItsWorkflowCannotRecordItsOutcome() {
    MemoryBackend memory = new MemoryBackend(Clock.systemUTC());
    QueueBackend backend =
        new WorkflowBackend(
            memory, WorkflowsOnly.keepingWorkflowsIn(unreachable()), Clock.systemUTC());
    String id = WorkflowJobIds.of("w1", "step");
    backend.add("q", List.of(new JobDraft("step", "{}", null, id, 0, null)));
    Lease lease = new Lease("token", Duration.ofSeconds(30), 1);
    LeasedJob job = backend.fetch("q", lease, 1).jobs().get(0);

    backend.acknowledge(
        "q", "token", List.of(new Ack.Complete(job.id(), "\"done\"", Retention.keepAll())));

    JobInfo info = memory.admin().job("q", id).orElseThrow();
    assertThat(info.state()).isEqualTo(JobState.DELAYED);
    assertThat(info.failure().exceptionClass()).isEqualTo("WorkflowUnreachable");
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains("workflow store unreachable", "they run again in 1000 ms to settle");
  }

  @Test
  void shouldNotPromiseARunAgainForAStepRemovedByHand() {
    WorkflowBackend backend =
        new WorkflowBackend(
            new MemoryBackend(Clock.systemUTC()),
            WorkflowsOnly.keepingWorkflowsIn(unreachable()),
            Clock.systemUTC());

    backend.removedByHand("q", WorkflowJobIds.of("w1", "step"));

    assertThat(warnings())
        .singleElement()
        .asString()
        .contains("waits until the workflow is retried or cancelled")
        .doesNotContain("run again");
  }
}
