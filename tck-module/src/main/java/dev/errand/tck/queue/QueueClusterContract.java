package dev.errand.tck.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.queue.Deduplication;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobState;
import dev.errand.queue.spi.QueueBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What several processes sharing one store see: each application here stands for a process of its
 * own. Only for backends whose storage outlives a process (Redis, a database); the memory backend
 * has nothing to share.
 */
public abstract class QueueClusterContract extends QueueContract {

  /**
   * A new backend, with connections of its own, over the storage of this test: every call within a
   * test must reach the same jobs, as separate processes would, and no other test may see them.
   */
  @Override
  protected abstract QueueBackend createBackend();

  @Test
  void shouldShareTheRateLimitBetweenProcesses() {
    Map<String, String> limited = Map.of("JOBS_QUEUE_CONTRACT_RATE_LIMIT", "2/400ms");
    QueueApp one = start(limited);
    QueueApp two = start(limited);
    for (int i = 0; i < 6; i++) {
      one.add(Work.plain("shared-" + i));
    }
    Recorder first = one.recorder();
    Recorder second = two.recorder();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> first.finished.size() + second.finished.size() == 6);

    List<Long> starts =
        one.leaseTimes(Stream.concat(first.runs.stream(), second.runs.stream()).toList());
    assertThat(starts.get(2) - starts.get(0)).isGreaterThanOrEqualTo(350);
    assertThat(starts.get(4) - starts.get(2)).isGreaterThanOrEqualTo(350);
  }

  @Test
  void shouldDeduplicateAddsFromAnotherProcess() {
    QueueApp one = start();
    QueueApp two = start();
    JobOptions once =
        JobOptions.builder().deduplicate(Deduplication.whileUnfinished("import:shared")).build();
    JobOptions throttled =
        JobOptions.builder()
            .deduplicate(Deduplication.throttle("report:shared", Duration.ofMinutes(1)))
            .build();

    String first = one.add(Work.gated("shared-import"), once);
    assertThat(two.add(Work.gated("shared-import-again"), once)).isEqualTo(first);
    String report = two.add(Work.plain("shared-report"), throttled);
    assertThat(one.add(Work.plain("shared-report-again"), throttled)).isEqualTo(report);

    one.recorder().gate.countDown();
    two.recorder().gate.countDown();
    one.awaitState(first, JobState.COMPLETED);
    assertThat(two.add(Work.plain("shared-import-later"), once)).isNotEqualTo(first);
  }
}
