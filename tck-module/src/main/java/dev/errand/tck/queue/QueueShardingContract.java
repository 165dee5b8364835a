package dev.errand.tck.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.errand.queue.JobEvent;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobOutcome;
import dev.errand.queue.JobState;
import dev.errand.queue.NewJob;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A queue spread over shards ({@code JOBS_QUEUE_<QUEUE>_SHARDS}) behaves as one queue to producers,
 * admins and listeners, on every backend: every job runs once, counts and lists add up, a {@code
 * jobId} stays idempotent, and events and waits name the queue itself. Order is kept within a shard
 * (priority, then the order of adding); across shards each shard runs on its own, which is the
 * README's statement these tests hold.
 *
 * <p>Shards are physical queues named {@code queue#index/count}; the tests look at them through the
 * backend's own admin to see where jobs went.
 */
public abstract class QueueShardingContract extends QueueContract {

  private static final int SHARDS = 3;

  private static Map<String, String> sharded(int concurrency) {
    return Map.of(
        "JOBS_QUEUE_CONTRACT_SHARDS",
        Integer.toString(SHARDS),
        "JOBS_QUEUE_CONTRACT_CONCURRENCY",
        Integer.toString(concurrency),
        "JOBS_PREFETCH",
        "0");
  }

  private static String shard(int index) {
    return QUEUE + "#" + index + "/" + SHARDS;
  }

  /** The shard whose own admin holds job {@code id}. */
  private static int shardOf(QueueAdmin stored, String id) {
    return IntStream.range(0, SHARDS)
        .filter(i -> stored.job(shard(i), id).isPresent())
        .findFirst()
        .orElseThrow(() -> new AssertionError("job " + id + " is in no shard"));
  }

  @Test
  void shouldRunEveryJobOnceAndUseEveryShard() {
    QueueApp app = start(sharded(6));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      ids.add(app.add(Work.plain("job-" + i)));
    }

    app.awaitFinished(60);
    assertThat(app.recorder().runs).hasSize(60);
    assertThat(new HashSet<>(ids)).hasSize(60);
    QueueAdmin stored = app.storedAdmin();
    for (int i = 0; i < SHARDS; i++) {
      int index = i;
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(stored.counts(shard(index)).completed()).isPositive());
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> heard.stream().filter(e -> e.type() == JobEvent.Type.COMPLETED).count() == 60);
    assertThat(heard).extracting(JobEvent::queue).containsOnly(QUEUE);
  }

  @Test
  void shouldAddInBulkOverShardsAndReturnEachIdInItsPlace() {
    QueueApp app = start(sharded(6));
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      JobOptions options =
          i % 4 == 0 ? JobOptions.builder().jobId("bulk-" + i).build() : JobOptions.defaults();
      jobs.add(new NewJob(QUEUE, "work", Work.plain("bulk-" + i), options));
    }

    List<String> ids = app.queue().addBulk(jobs);

    assertThat(ids).hasSize(40).doesNotHaveDuplicates();
    for (int i = 0; i < 40; i += 4) {
      assertThat(ids.get(i)).isEqualTo("bulk-" + i);
    }
    app.awaitFinished(40);
    for (int i = 0; i < 40; i++) {
      String id = ids.get(i);
      assertThat(app.recorder().runsOf("bulk-" + i))
          .singleElement()
          .extracting(Recorder.Run::id)
          .isEqualTo(id);
    }
  }

  @Test
  void shouldAddUpCountsAndMergeListsOverShards() {
    QueueApp app = start(sharded(6));
    QueueAdmin admin = app.admin();
    admin.pause(QUEUE);
    for (int i = 0; i < 30; i++) {
      app.add(Work.plain("listed-" + i), JobOptions.builder().priority(i % 3).build());
    }

    assertThat(admin.queues()).containsExactly(QUEUE);
    QueueCounts counts = admin.counts(QUEUE);
    assertThat(counts.waiting()).isEqualTo(30);
    assertThat(counts.paused()).isTrue();
    QueueAdmin stored = app.storedAdmin();
    long summed = 0;
    for (int i = 0; i < SHARDS; i++) {
      long waiting = stored.counts(shard(i)).waiting();
      assertThat(waiting).as("jobs waiting in shard %d", i).isPositive();
      summed += waiting;
    }
    assertThat(summed).isEqualTo(30);

    List<JobInfo> all = admin.jobs(QUEUE, JobState.WAITING, 0, 100);
    assertThat(all).hasSize(30).extracting(JobInfo::queue).containsOnly(QUEUE);
    assertThat(all)
        .isSortedAccordingTo(
            Comparator.comparingInt(JobInfo::priority)
                .reversed()
                .thenComparing(JobInfo::createdAt));
    assertThat(admin.jobs(QUEUE, JobState.WAITING, 10, 10)).isEqualTo(all.subList(10, 20));

    admin.resume(QUEUE);
    app.awaitFinished(30);
    await().atMost(Duration.ofSeconds(10)).until(() -> admin.counts(QUEUE).completed() == 30);
    assertThat(admin.jobs(QUEUE, JobState.COMPLETED, 0, 100)).hasSize(30);
  }

  /** The README says trim counts per shard: each keeps its part of what the call keeps. */
  @Test
  void shouldTrimEachShardToItsPartOfTheKeptJobs() {
    QueueApp app = start(sharded(6));
    for (int i = 0; i < 60; i++) {
      app.add(Work.plain("trimmed-" + i));
    }
    app.awaitFinished(60);
    QueueAdmin admin = app.admin();
    await().atMost(Duration.ofSeconds(10)).until(() -> admin.counts(QUEUE).completed() == 60);

    assertThat(admin.trim(QUEUE, JobState.COMPLETED, 6)).isEqualTo(54);
    for (int i = 0; i < SHARDS; i++) {
      assertThat(app.storedAdmin().counts(shard(i)).completed()).as("shard %d", i).isEqualTo(2);
    }
  }

  @Test
  void shouldKeepJobIdsIdempotentAndFindJobsByIdAcrossShards() {
    QueueApp app = start(sharded(6));
    QueueAdmin admin = app.admin();
    admin.pause(QUEUE);
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 12; i++) {
        String id =
            app.add(Work.plain("order-" + i), JobOptions.builder().jobId("order-" + i).build());
        assertThat(id).isEqualTo("order-" + i);
      }
    }
    assertThat(admin.counts(QUEUE).waiting()).isEqualTo(12);
    Set<Integer> used = new HashSet<>();
    for (int i = 0; i < 12; i++) {
      used.add(shardOf(app.storedAdmin(), "order-" + i));
      assertThat(admin.job(QUEUE, "order-" + i)).get().extracting(JobInfo::queue).isEqualTo(QUEUE);
    }
    assertThat(used).as("shards holding the twelve ids").hasSize(SHARDS);

    assertThat(admin.remove(QUEUE, "order-3")).isTrue();
    assertThat(admin.job(QUEUE, "order-3")).isEmpty();
    admin.resume(QUEUE);
    app.awaitFinished(11);
    assertThat(app.recorder().finished).doesNotContain("order-3");
  }

  @Test
  void shouldKeepPriorityThenOrderOfAddingWithinEachShard() {
    QueueApp app = start(sharded(SHARDS));
    QueueAdmin admin = app.admin();
    admin.pause(QUEUE);
    Map<String, Integer> added = new HashMap<>();
    Map<String, Integer> priority = new HashMap<>();
    for (int i = 0; i < 30; i++) {
      int p = (i * 7) % 3;
      String id = app.add(Work.plain("ordered-" + i), JobOptions.builder().priority(p).build());
      added.put(id, i);
      priority.put(id, p);
    }
    QueueAdmin stored = app.storedAdmin();
    Map<String, Integer> shardOfId = new HashMap<>();
    added.keySet().forEach(id -> shardOfId.put(id, shardOf(stored, id)));

    admin.resume(QUEUE);
    app.awaitFinished(30);

    for (int i = 0; i < SHARDS; i++) {
      int index = i;
      List<String> ran =
          app.recorder().runs.stream()
              .map(Recorder.Run::id)
              .filter(id -> shardOfId.get(id) == index)
              .toList();
      assertThat(ran)
          .as("the runs of shard %d", i)
          .isNotEmpty()
          .isSortedAccordingTo(
              Comparator.comparingInt((String id) -> priority.get(id))
                  .reversed()
                  .thenComparingInt(added::get));
    }
  }

  @Test
  void shouldRunEachShardOnItsOwnSoABusyShardHoldsUpOnlyItsOwnJobs() {
    QueueApp app = start(sharded(SHARDS));
    String blocker = app.add(Work.gated("blocker"), JobOptions.builder().jobId("blocker").build());
    app.awaitState(blocker, JobState.ACTIVE);
    QueueAdmin stored = app.storedAdmin();
    int busy = shardOf(stored, blocker);

    List<String> later = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      later.add(app.add(Work.plain("later-" + i)));
    }
    List<String> elsewhere = later.stream().filter(id -> shardOf(stored, id) != busy).toList();
    List<String> behind = later.stream().filter(id -> shardOf(stored, id) == busy).toList();
    assertThat(elsewhere).isNotEmpty();
    assertThat(behind).isNotEmpty();

    // Jobs added after the blocker run on the other shards while it holds its own.
    elsewhere.forEach(id -> app.awaitState(id, JobState.COMPLETED));
    for (String id : behind) {
      assertThat(app.admin().job(QUEUE, id))
          .get()
          .extracting(JobInfo::state)
          .isEqualTo(JobState.WAITING);
    }

    // Cancelling finds the running job in its shard by id.
    assertThat(app.admin().cancel(QUEUE, blocker)).isTrue();
    app.awaitState(blocker, JobState.FAILED);
    app.awaitFinished(30);
  }

  @Test
  void shouldWaitForAJobOfAShardedQueueAndHearItUnderTheQueueName() {
    QueueApp app = start(sharded(6));
    JobOutcome outcome =
        app.queue()
            .addAndWait(ContractProcessor.WORK, Work.plain("awaited"), Duration.ofSeconds(10));
    assertThat(outcome.succeeded()).isTrue();
    assertThat(app.recorder().runsOf("awaited")).hasSize(1);
  }

  @Test
  void shouldRefuseARateLimitOnAShardedQueue() {
    Map<String, String> settings = new HashMap<>(sharded(6));
    settings.put("JOBS_QUEUE_CONTRACT_RATE_LIMIT", "10/1s");
    assertThatThrownBy(() -> start(settings))
        .hasMessageContaining("'contract' is spread over 3 shards and has a rate limit")
        .hasMessageContaining("JOBS_QUEUE_CONTRACT_SHARDS=1");
  }

  @Test
  void shouldRefuseFewerSlotsThanShards() {
    assertThatThrownBy(() -> start(sharded(2)))
        .hasMessageContaining("its concurrency is 2")
        .hasMessageContaining("JOBS_QUEUE_CONTRACT_CONCURRENCY to 3 or more");
  }
}
