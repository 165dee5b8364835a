package dev.errand.tck.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.errand.queue.JobOptions;
import dev.errand.queue.JobState;
import dev.errand.queue.RateLimit;
import dev.errand.queue.Retention;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.LeasedJob;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.testsupport.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Concurrency caps: at most N jobs of a queue leased at once across workers, and at most N of each
 * group (1: a mutex), a job over its group's cap waiting without holding back other groups, and a
 * dead worker's share freed when its lease expires; with a rate limit as well, both hold. Two
 * workers are played through the backend SPI on one storage; an application shows the settings at
 * work. Subclass it with {@link #createBackend()}.
 */
public abstract class QueueCapContract extends QueueContract {

  private static final Duration LEASE = Duration.ofSeconds(30);

  private final String queue = TestServers.unique("cap");

  private static Lease lease(String token, Duration duration) {
    return new Lease(token, duration, 1);
  }

  private static String add(QueueBackend backend, String queue, String key, String group) {
    JobDraft draft = new JobDraft("job", "{\"key\":\"" + key + "\"}", null, null, 0, null, group);
    return backend.add(queue, List.of(draft)).get(0);
  }

  private static List<String> fetch(QueueBackend backend, String queue, String token, int max) {
    return backend.fetch(queue, lease(token, LEASE), max).jobs().stream()
        .map(LeasedJob::id)
        .toList();
  }

  /** Fetches until some job comes: a job that waited for its share may go back in line later. */
  private static List<String> awaitFetch(
      QueueBackend backend, String queue, String token, int max) {
    AtomicReference<List<String>> taken = new AtomicReference<>(List.of());
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              taken.set(fetch(backend, queue, token, max));
              return !taken.get().isEmpty();
            });
    return taken.get();
  }

  private static void complete(QueueBackend backend, String queue, String token, String id) {
    assertThat(
            backend.acknowledge(
                queue, token, List.of(new Ack.Complete(id, null, Retention.keepAll()))))
        .isEmpty();
  }

  @Test
  void shouldLeaseNoMoreThanTheQueuesCapAcrossWorkers() {
    QueueBackend backend = driveBackend();
    backend.concurrencyCaps(queue, 2, 0);
    for (int i = 0; i < 5; i++) {
      add(backend, queue, "job-" + i, null);
    }

    List<String> first = fetch(backend, queue, "worker-a", 5);
    assertThat(first).hasSize(2);
    assertThat(fetch(backend, queue, "worker-b", 5)).isEmpty();
    complete(backend, queue, "worker-a", first.get(0));
    assertThat(fetch(backend, queue, "worker-b", 5)).hasSize(1);
    assertThat(fetch(backend, queue, "worker-a", 5)).isEmpty();
  }

  @Test
  void shouldHoldAGroupAtItsCapWithoutHoldingBackOtherGroups() {
    QueueBackend backend = driveBackend();
    backend.concurrencyCaps(queue, 0, 1);
    String first = add(backend, queue, "a-1", "acct-a");
    String second = add(backend, queue, "a-2", "acct-a");
    String other = add(backend, queue, "b-1", "acct-b");

    assertThat(fetch(backend, queue, "worker-a", 3)).containsExactly(first, other);
    assertThat(fetch(backend, queue, "worker-b", 3)).isEmpty();
    assertThat(backend.admin().job(queue, second).orElseThrow().state())
        .isEqualTo(JobState.DELAYED);

    complete(backend, queue, "worker-a", first);
    assertThat(fetch(backend, queue, "worker-b", 3)).containsExactly(second);
  }

  @Test
  void shouldHoldAQueueToItsCapAndItsRateLimitTogether() {
    QueueBackend backend = driveBackend();
    backend.rateLimits(queue, RateLimit.of(2, Duration.ofHours(1)), null);
    backend.concurrencyCaps(queue, 1, 0);
    for (int i = 0; i < 4; i++) {
      add(backend, queue, "job-" + i, null);
    }

    List<String> first = fetch(backend, queue, "worker-a", 4);
    assertThat(first).as("the cap").hasSize(1);
    assertThat(fetch(backend, queue, "worker-b", 4)).as("the cap").isEmpty();
    complete(backend, queue, "worker-a", first.get(0));
    List<String> second = fetch(backend, queue, "worker-b", 4);
    assertThat(second).as("the cap").hasSize(1);
    complete(backend, queue, "worker-b", second.get(0));
    assertThat(fetch(backend, queue, "worker-a", 4)).as("the rate limit: 2 an hour").isEmpty();
    assertThat(backend.admin().counts(queue).active()).isZero();
  }

  @Test
  void shouldHoldAGroupToItsCapAndItsRateLimitTogether() {
    QueueBackend backend = driveBackend();
    backend.rateLimits(queue, null, RateLimit.of(2, Duration.ofHours(1)));
    backend.concurrencyCaps(queue, 0, 1);
    List<String> groupA = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      groupA.add(add(backend, queue, "a-" + i, "acct-a"));
    }
    String other = add(backend, queue, "b-0", "acct-b");

    assertThat(fetch(backend, queue, "worker-a", 4)).containsExactly(groupA.get(0), other);
    complete(backend, queue, "worker-a", groupA.get(0));
    complete(backend, queue, "worker-a", other);
    assertThat(awaitFetch(backend, queue, "worker-b", 4))
        .as("the group's cap, then its rate")
        .containsExactly(groupA.get(1));
    complete(backend, queue, "worker-b", groupA.get(1));
    assertThat(fetch(backend, queue, "worker-b", 4)).as("the group's rate: 2 an hour").isEmpty();
    assertThat(backend.admin().job(queue, groupA.get(2)).orElseThrow().state())
        .isEqualTo(JobState.DELAYED);
  }

  @Test
  void shouldFreeTheShareOfAWorkerWhoseLeaseExpired() {
    QueueBackend backend = driveBackend();
    backend.concurrencyCaps(queue, 1, 1);
    String held = add(backend, queue, "held", "acct-a");
    add(backend, queue, "next", "acct-a");
    assertThat(backend.fetch(queue, lease("dies", Duration.ofMillis(200)), 2).jobs())
        .extracting(LeasedJob::id)
        .containsExactly(held);

    assertThat(awaitFetch(backend, queue, "survivor", 2)).hasSize(1);
    assertThat(backend.admin().counts(queue).active()).isEqualTo(1);
  }

  @Test
  void shouldRunTheJobsOfAGroupOneAtATimeWithACapOfOne() {
    QueueApp app =
        start(Map.of("JOBS_QUEUE_CONTRACT_GROUP_MAX_RUNNING", "1", "JOBS_CONCURRENCY", "4"));
    JobOptions groupA = JobOptions.builder().group("acct-a").build();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(app.add(Work.sleeping("a-" + i, 150), groupA));
    }
    String other = app.add(Work.plain("b-0"), JobOptions.builder().group("acct-b").build());
    app.awaitFinished(4);

    List<Long> starts =
        app.leaseTimes(app.recorder().runs.stream().filter(r -> r.key().startsWith("a-")).toList());
    assertThat(starts.get(1) - starts.get(0)).isGreaterThanOrEqualTo(150);
    assertThat(starts.get(2) - starts.get(1)).isGreaterThanOrEqualTo(150);
    long otherStart = app.admin().job(QUEUE, other).orElseThrow().startedAt().toEpochMilli();
    assertThat(otherStart).isLessThan(starts.get(1));
    ids.forEach(id -> app.awaitState(id, JobState.COMPLETED));
  }

  @Test
  void shouldRefuseCapsOnAShardedQueue() {
    assertThatThrownBy(
            () ->
                start(
                    Map.of(
                        "JOBS_QUEUE_CONTRACT_SHARDS", "2",
                        "JOBS_CONCURRENCY", "2",
                        "JOBS_QUEUE_CONTRACT_GROUP_MAX_RUNNING", "1")))
        .hasStackTraceContaining("spread over 2 shards and has a concurrency cap")
        .hasStackTraceContaining("JOBS_QUEUE_CONTRACT_SHARDS=1");
  }
}
