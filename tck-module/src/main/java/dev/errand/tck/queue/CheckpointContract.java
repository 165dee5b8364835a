package dev.errand.tck.queue;

import static dev.errand.tck.queue.ContractProcessor.CHECKPOINTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.queue.JobInfo;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobState;
import org.junit.jupiter.api.Test;

/**
 * Step checkpoints on every backend: a retried job skips the steps it finished, taking their stored
 * results, and runs the rest.
 */
public abstract class CheckpointContract extends QueueContract {

  @Test
  void shouldSkipFinishedStepsOnRetryAndReturnTheirStoredResults() {
    QueueApp app = start();
    String id =
        app.queue()
            .add(
                CHECKPOINTED,
                Work.failingUntil("order", 3),
                JobOptions.builder().attempts(3).build());

    JobInfo done = app.awaitState(id, JobState.COMPLETED);

    assertThat(app.recorder().runsOf("order")).hasSize(3);
    assertThat(app.recorder().stepRuns).containsExactly("order:one", "order:two", "order:three");
    assertThat(done.result()).isEqualTo("\"first-1,third-3\"");
  }

  @Test
  void shouldKeepEachJobsCheckpointsApart() {
    QueueApp app = start();
    String first = app.queue().add(CHECKPOINTED, Work.plain("first"));
    String second = app.queue().add(CHECKPOINTED, Work.plain("second"));

    app.awaitState(first, JobState.COMPLETED);
    app.awaitState(second, JobState.COMPLETED);

    assertThat(app.recorder().stepRuns)
        .containsExactlyInAnyOrder(
            "first:one", "first:two", "first:three", "second:one", "second:two", "second:three");
  }
}
