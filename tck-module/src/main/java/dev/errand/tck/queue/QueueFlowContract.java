package dev.errand.tck.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.errand.queue.Deduplication;
import dev.errand.queue.JobEvent;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobState;
import dev.errand.tck.queue.ContractProcessor.Nap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * How a job's flow is steered: snoozing a run without spending an attempt, and deduplicating adds
 * (throttle, debounce, while unfinished). Subclass it with {@link #createBackend()}.
 */
public abstract class QueueFlowContract extends QueueContract {

  private static final JobOptions ONE_ATTEMPT = JobOptions.builder().attempts(1).build();

  @Test
  void shouldSnoozeWithoutCountingAnAttempt() throws Exception {
    QueueApp app = start();
    ConcurrentLinkedQueue<JobEvent> published = new ConcurrentLinkedQueue<>();
    try (AutoCloseable subscription = app.subscribe(published)) {
      // One attempt only: were a snooze a failure, the job would fail on its first.
      String id = app.queue().add(ContractProcessor.NAP, new Nap("nap", 2, 150), ONE_ATTEMPT);
      JobInfo done = app.awaitState(id, JobState.COMPLETED);

      List<Recorder.Run> runs = app.recorder().runsOf("nap");
      assertThat(runs).extracting(Recorder.Run::attempt).containsExactly(1, 1, 1);
      assertThat(runs.get(1).startedAt() - runs.get(0).startedAt()).isGreaterThanOrEqualTo(150);
      assertThat(runs.get(2).startedAt() - runs.get(1).startedAt()).isGreaterThanOrEqualTo(150);
      assertThat(done.attemptsMade()).isEqualTo(1);
      assertThat(done.failure()).isNull();
      assertThat(snoozesOf(id, heard)).isEqualTo(2);
      await().atMost(Duration.ofSeconds(5)).until(() -> snoozesOf(id, published) == 2);
    }
  }

  @Test
  void shouldHoldASnoozedJobDelayedUntilItIsDue() {
    QueueApp app = start();
    String id = app.queue().add(ContractProcessor.NAP, new Nap("long-nap", 1, 3_600_000));

    JobInfo snoozed = app.awaitState(id, JobState.DELAYED);
    assertThat(snoozed.attemptsMade()).isZero();
    assertThat(app.recorder().runsOf("long-nap")).hasSize(1);
    assertThat(app.admin().counts(QUEUE).delayed()).isEqualTo(1);
  }

  @Test
  void shouldRunASnoozeOfZeroAgainAtOnce() {
    QueueApp app = start();
    String id = app.queue().add(ContractProcessor.NAP, new Nap("nap-now", 3, 0), ONE_ATTEMPT);

    app.awaitState(id, JobState.COMPLETED);
    assertThat(app.recorder().runsOf("nap-now"))
        .extracting(Recorder.Run::attempt)
        .containsExactly(1, 1, 1, 1);
  }

  /** When an add returned, and what. */
  private record Added(long returnedAt, String id) {}

  private static JobOptions deduplicated(Deduplication dedup) {
    return JobOptions.builder().deduplicate(dedup).build();
  }

  @Test
  void shouldThrottleAddsWithinTheWindowToTheFirstJob() throws Exception {
    QueueApp app = start();
    ConcurrentLinkedQueue<JobEvent> published = new ConcurrentLinkedQueue<>();
    try (AutoCloseable subscription = app.subscribe(published)) {
      JobOptions throttled =
          deduplicated(Deduplication.throttle("report:t-1", Duration.ofMillis(500)));
      long before = System.currentTimeMillis();
      String first = app.add(Work.plain("throttle-0"), throttled);
      List<Added> added = new ArrayList<>();
      // Adds until one is let through: each returns the first job's id while its window lasts.
      await()
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> {
                String id = app.add(Work.plain("throttle-" + added.size()), throttled);
                added.add(new Added(System.currentTimeMillis(), id));
                return !id.equals(first);
              });

      Added through = added.get(added.size() - 1);
      assertThat(through.returnedAt() - before).isGreaterThanOrEqualTo(500);
      assertThat(added.subList(0, added.size() - 1))
          .isNotEmpty()
          .allSatisfy(a -> assertThat(a.id()).isEqualTo(first));
      assertThat(added)
          .filteredOn(a -> a.returnedAt() < before + 500)
          .allSatisfy(a -> assertThat(a.id()).isEqualTo(first));
      app.awaitState(through.id(), JobState.COMPLETED);
      assertThat(app.recorder().runsOf("throttle-0")).hasSize(1);
      assertThat(app.recorder().runs).hasSize(2);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> deduplicationsOf(first, published) == added.size() - 1);
      assertThat(published)
          .filteredOn(e -> e.type() == JobEvent.Type.DEDUPLICATED)
          .allSatisfy(e -> assertThat(e.data()).isEqualTo("\"report:t-1\""));
    }
  }

  @Test
  void shouldDebounceAddsToOneRunWithTheLastPayload() {
    QueueApp app = start();
    JobOptions debounced =
        deduplicated(Deduplication.debounce("sync:doc-1", Duration.ofMillis(300)));
    List<String> ids = new ArrayList<>();
    long lastAdd = 0;
    for (int i = 1; i <= 3; i++) {
      lastAdd = System.currentTimeMillis();
      ids.add(app.add(Work.plain("debounce-" + i), debounced));
    }

    assertThat(ids).containsOnly(ids.get(0));
    JobInfo ran = app.awaitState(ids.get(0), JobState.COMPLETED);
    assertThat(app.recorder().keysInOrder()).containsExactly("debounce-3");
    assertThat(ran.startedAt().toEpochMilli() - lastAdd).isGreaterThanOrEqualTo(300);

    String after = app.add(Work.plain("debounce-4"), debounced);
    assertThat(after).isNotEqualTo(ids.get(0));
    app.awaitState(after, JobState.COMPLETED);
  }

  @Test
  void shouldDropDuplicatesWhileTheFirstJobIsUnfinished() {
    QueueApp app = start();
    JobOptions once = deduplicated(Deduplication.whileUnfinished("import:acct-1"));
    String first = app.add(Work.gated("import-1"), once);
    app.awaitState(first, JobState.ACTIVE);

    assertThat(app.add(Work.gated("import-2"), once)).isEqualTo(first);
    app.recorder().gate.countDown();
    app.awaitState(first, JobState.COMPLETED);
    String second = app.add(Work.plain("import-3"), once);

    assertThat(second).isNotEqualTo(first);
    app.awaitState(second, JobState.COMPLETED);
    assertThat(app.recorder().keysInOrder()).containsExactly("import-1", "import-3");
  }

  @Test
  void shouldDropDuplicatesOfADelayedJobUntilItFails() {
    QueueApp app = start();
    Deduplication dedup = Deduplication.whileUnfinished("export:acct-2");
    String delayed =
        app.add(
            Work.plain("later"),
            JobOptions.builder().deduplicate(dedup).delay(Duration.ofHours(1)).build());
    assertThat(app.add(Work.plain("again"), deduplicated(dedup))).isEqualTo(delayed);
    assertThat(app.admin().counts(QUEUE).delayed()).isEqualTo(1);

    Deduplication other = Deduplication.whileUnfinished("export:acct-3");
    String failing = app.add(Work.unrecoverable("broken"), deduplicated(other));
    app.awaitState(failing, JobState.FAILED);
    assertThat(app.add(Work.plain("fixed"), deduplicated(other))).isNotEqualTo(failing);
  }

  @Test
  void shouldRefuseDeduplicationOnAShardedQueue() {
    QueueApp app = start(Map.of("JOBS_QUEUE_CONTRACT_SHARDS", "2", "JOBS_CONCURRENCY", "2"));

    assertThatThrownBy(
            () -> app.add(Work.plain("x"), deduplicated(Deduplication.whileUnfinished("k"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("queue 'contract' is spread over 2 shards");
  }

  private static long snoozesOf(String id, Iterable<JobEvent> events) {
    return count(JobEvent.Type.SNOOZED, id, events);
  }

  private static long deduplicationsOf(String id, Iterable<JobEvent> events) {
    return count(JobEvent.Type.DEDUPLICATED, id, events);
  }

  private static long count(JobEvent.Type type, String id, Iterable<JobEvent> events) {
    long n = 0;
    for (JobEvent e : events) {
      if (e.type() == type && e.id().equals(id)) {
        n++;
      }
    }
    return n;
  }
}
