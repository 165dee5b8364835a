package dev.errand.tck.queue;

import static dev.errand.tck.queue.ContractProcessor.GATHER;
import static dev.errand.tck.queue.ContractProcessor.WORK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.queue.Batch;
import dev.errand.queue.spi.QueueBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Batch callbacks when the batch's last jobs finish at the same moment in two processes: each
 * callback still runs once. Only for backends whose storage processes share.
 */
public abstract class BatchClusterContract extends QueueContract {

  /** A new backend, with connections of its own, over the storage of this test. */
  @Override
  protected abstract QueueBackend createBackend();

  private static final Map<String, String> ONE_AT_A_TIME =
      Map.of("JOBS_QUEUE_CONTRACT_CONCURRENCY", "1", "JOBS_PREFETCH", "0");

  private static int runs(String key, QueueApp... apps) {
    int runs = 0;
    for (QueueApp app : apps) {
      runs += app.recorder().runsOf(key).size();
    }
    return runs;
  }

  @Test
  void shouldRunEachCallbackOnceWhenTheLastTwoJobsFinishTogetherInTwoProcesses() {
    QueueApp one = start(ONE_AT_A_TIME);
    QueueApp two = start(ONE_AT_A_TIME);
    Batch batch = Batch.create();
    batch.add("left", WORK, Work.gated("left"));
    batch.add("right", WORK, Work.gated("right"));
    batch.onFinished(GATHER, Work.plain("finished")).onSuccess(GATHER, Work.plain("succeeded"));
    String id = one.workflows().add(batch);
    // Each process holds one of the two jobs, waiting at its gate.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> one.recorder().runs.size() == 1 && two.recorder().runs.size() == 1);

    one.recorder().gate.countDown();
    two.recorder().gate.countDown();

    one.awaitWorkflow(id);
    assertThat(runs("finished", one, two)).isOne();
    assertThat(runs("succeeded", one, two)).isOne();
  }

  @Test
  void shouldRunEachCallbackOnceForManyBatchesRacingOverTwoProcesses() {
    Map<String, String> busy = Map.of("JOBS_QUEUE_CONTRACT_CONCURRENCY", "4");
    QueueApp one = start(busy);
    QueueApp two = start(busy);
    List<String> ids = new ArrayList<>();
    for (int b = 0; b < 20; b++) {
      Batch batch = Batch.create();
      for (int j = 0; j < 4; j++) {
        batch.add("job-" + j, WORK, Work.plain("b" + b + "-job-" + j));
      }
      batch.onFinished(GATHER, Work.plain("b" + b + "-finished"));
      ids.add((b % 2 == 0 ? one : two).workflows().add(batch));
    }

    ids.forEach(one::awaitWorkflow);
    for (int b = 0; b < 20; b++) {
      assertThat(runs("b" + b + "-finished", one, two)).as("callback runs of batch %d", b).isOne();
    }
  }
}
