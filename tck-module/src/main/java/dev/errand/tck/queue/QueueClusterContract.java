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

  @Test
  void shouldHoldTheCapsAcrossProcesses() {
    Map<String, String> capped =
        Map.of(
            "JOBS_QUEUE_CONTRACT_MAX_RUNNING", "2",
            "JOBS_QUEUE_CONTRACT_GROUP_MAX_RUNNING", "1",
            "JOBS_CONCURRENCY", "4");
    QueueApp one = start(capped);
    QueueApp two = start(capped);
    JobOptions groupA = JobOptions.builder().group("acct-a").build();
    for (int i = 0; i < 3; i++) {
      one.add(Work.sleeping("a-" + i, 150), groupA);
    }
    for (int i = 0; i < 3; i++) {
      one.add(Work.sleeping("b-" + i, 150), JobOptions.builder().group("acct-b-" + i).build());
    }
    Recorder first = one.recorder();
    Recorder second = two.recorder();
    // Never more than two running, whichever process runs them.
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> {
              assertThat(one.admin().counts(QUEUE).active()).isLessThanOrEqualTo(2);
              return first.finished.size() + second.finished.size() == 6;
            });

    List<Recorder.Run> groupRuns =
        Stream.concat(first.runs.stream(), second.runs.stream())
            .filter(r -> r.key().startsWith("a-"))
            .toList();
    List<Long> starts = one.leaseTimes(groupRuns);
    assertThat(starts.get(1) - starts.get(0)).isGreaterThanOrEqualTo(150);
    assertThat(starts.get(2) - starts.get(1)).isGreaterThanOrEqualTo(150);
  }
}
