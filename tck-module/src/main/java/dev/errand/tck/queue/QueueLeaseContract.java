package dev.errand.tck.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.queue.JobAttempt;
import dev.errand.queue.JobEvent;
import dev.errand.queue.JobFailure;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.Retention;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.LeasedJob;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.queue.spi.RunInfo;
import dev.errand.testsupport.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Leases, stalls (and the stalled attempts they leave in a job's history) and refused
 * acknowledgements, driven through the backend SPI directly so a test can play a worker that dies
 * or hangs. Subclass it with {@link #createBackend()}.
 */
public abstract class QueueLeaseContract extends QueueContract {

  private static final Duration SHORT_LEASE = Duration.ofMillis(150);

  private final String queue = TestServers.unique("lease");
  private QueueBackend backend;

  @BeforeEach
  void createIt() {
    backend = driveBackend();
  }

  /** Waits, asking often, for a condition that the backend meets on a later call. */
  private static void poll(Callable<Boolean> condition) {
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(condition);
  }

  private String addOne() {
    return backend.add(queue, List.of(new JobDraft("job", "{}", null, null, 0, null))).get(0);
  }

  private LeasedJob awaitLease(String token, int maxStalled) {
    AtomicReference<LeasedJob> got = new AtomicReference<>();
    poll(
        () -> {
          Fetched fetched = backend.fetch(queue, new Lease(token, SHORT_LEASE, maxStalled), 1);
          if (fetched.jobs().isEmpty()) {
            return false;
          }
          got.set(fetched.jobs().get(0));
          return true;
        });
    return got.get();
  }

  @Test
  void shouldReturnAJobWhoseLeaseExpiredToAnotherWorker() {
    String id = addOne();
    LeasedJob first =
        backend.fetch(queue, new Lease("dead-worker", SHORT_LEASE, 1), 5).jobs().get(0);
    assertThat(first.id()).isEqualTo(id);
    assertThat(first.attempt()).isEqualTo(1);
    assertThat(backend.admin().counts(queue).active()).isEqualTo(1);

    LeasedJob second = awaitLease("live-worker", 1);

    assertThat(second.id()).isEqualTo(id);
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(backend.admin().job(queue, id).orElseThrow().stalls()).isEqualTo(1);
  }

  @Test
  void shouldRefuseTheOutcomeFromAWorkerThatLostTheLease() {
    String id = addOne();
    backend.fetch(queue, new Lease("slow-worker", SHORT_LEASE, 1), 1);
    awaitLease("new-owner", 1);

    Set<String> refused =
        backend.acknowledge(
            queue, "slow-worker", List.of(new Ack.Complete(id, null, Retention.keepAll())));
    assertThat(refused).containsExactly(id);
    assertThat(backend.renew(queue, "slow-worker", List.of(id), SHORT_LEASE)).containsExactly(id);
    assertThat(backend.admin().job(queue, id).orElseThrow().state()).isEqualTo(JobState.ACTIVE);

    Set<String> accepted =
        backend.acknowledge(
            queue, "new-owner", List.of(new Ack.Complete(id, "42", Retention.keepAll())));
    assertThat(accepted).isEmpty();
    JobInfo done = backend.admin().job(queue, id).orElseThrow();
    assertThat(done.state()).isEqualTo(JobState.COMPLETED);
    assertThat(done.result()).isEqualTo("42");
  }

  @Test
  void shouldKillAJobThatStalledMoreThanMaxStalledTimes() {
    String id = addOne();
    backend.fetch(queue, new Lease("hung-1", SHORT_LEASE, 1), 1);
    awaitLease("hung-2", 1);
    poll(
        () -> {
          backend.fetch(queue, new Lease("observer", SHORT_LEASE, 1), 0);
          return backend.admin().job(queue, id).orElseThrow().state() == JobState.DEAD;
        });

    JobInfo dead = backend.admin().job(queue, id).orElseThrow();
    assertThat(dead.stalls()).isEqualTo(2);
    assertThat(dead.failure().exceptionClass()).isEqualTo("Stalled");
    assertThat(dead.failure().message()).contains("JOBS_MAX_STALLED=1");
    assertThat(backend.admin().counts(queue).dead()).isEqualTo(1);
  }

  @Test
  void shouldKeepARunCutOffByAnExpiredLeaseAsAStalledAttempt() {
    String id = addOne();
    String gone = Lease.newToken("host-a/101");
    Instant beforeLease = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    backend.fetch(queue, new Lease(gone, SHORT_LEASE, 1), 1);
    Instant afterLease = Instant.now();
    String next = Lease.newToken("host-b/202");
    LeasedJob second = awaitLease(next, 1);
    RunInfo run = new RunInfo(Instant.now().truncatedTo(ChronoUnit.MILLIS), Duration.ZERO, "b/2");
    assertThat(
            backend.acknowledge(
                queue, next, List.of(new Ack.Complete(id, "ok", Retention.keepAll(), run))))
        .isEmpty();

    List<JobAttempt> attempts = backend.admin().job(queue, id).orElseThrow().attempts();
    assertThat(attempts).extracting(JobAttempt::attempt).containsExactly(1, second.attempt());
    JobAttempt stalled = attempts.get(0);
    assertThat(stalled.worker()).isEqualTo("host-a/101");
    assertThat(stalled.startedAt()).isBetween(beforeLease, afterLease);
    assertThat(stalled.durationMs())
        .as("the lease ran out before the run was taken back")
        .isGreaterThanOrEqualTo(SHORT_LEASE.toMillis())
        .isEqualTo(Duration.between(stalled.startedAt(), stalled.finishedAt()).toMillis());
    assertThat(stalled.failure().exceptionClass()).isEqualTo("Stalled");
    assertThat(stalled.failure().message())
        .isEqualTo("The worker's lease expired (worker host-a/101 stopped or lost contact)");
    JobAttempt completed = attempts.get(1);
    assertThat(completed.failure()).isNull();
    assertThat(completed.worker()).isEqualTo("b/2");
    assertThat(completed.startedAt()).isEqualTo(run.startedAt());
  }

  @Test
  void shouldKeepEveryStalledRunOfAJobThatDiedOfStalls() {
    String id = addOne();
    backend.fetch(queue, new Lease(Lease.newToken("host-a/1"), SHORT_LEASE, 1), 1);
    awaitLease("a-token-naming-no-process", 1);
    poll(
        () -> {
          backend.fetch(queue, new Lease("observer", SHORT_LEASE, 1), 0);
          return backend.admin().job(queue, id).orElseThrow().state() == JobState.DEAD;
        });

    List<JobAttempt> attempts = backend.admin().job(queue, id).orElseThrow().attempts();
    assertThat(attempts).extracting(JobAttempt::attempt).containsExactly(1, 2);
    assertThat(attempts).extracting(JobAttempt::worker).containsExactly("host-a/1", "");
    assertThat(attempts)
        .extracting(a -> a.failure().message())
        .containsExactly(
            "The worker's lease expired (worker host-a/1 stopped or lost contact)",
            "The worker's lease expired (the worker stopped or lost contact)");
    assertThat(attempts)
        .allSatisfy(
            a -> {
              assertThat(a.failure().exceptionClass()).isEqualTo("Stalled");
              assertThat(a.durationMs()).isGreaterThanOrEqualTo(SHORT_LEASE.toMillis());
            });
    assertThat(attempts.get(1).startedAt()).isAfterOrEqualTo(attempts.get(0).finishedAt());
  }

  @Test
  void shouldKeepAStalledAttemptAmongTheLastAttemptsOnly() {
    String id = addOne();
    Lease retrying = new Lease("retrying-worker", Duration.ofMinutes(1), 1);
    for (int i = 1; i <= JobInfo.KEPT_ATTEMPTS; i++) {
      assertThat(backend.fetch(queue, retrying, 1).jobs()).extracting(LeasedJob::id).contains(id);
      RunInfo run = new RunInfo(Instant.now().truncatedTo(ChronoUnit.MILLIS), Duration.ZERO, "r/1");
      JobFailure failure = new JobFailure("Boom", "run " + i, "");
      backend.acknowledge(
          queue, retrying.token(), List.of(new Ack.Retry(id, Instant.now(), failure, run)));
    }
    backend.fetch(queue, new Lease(Lease.newToken("host-c/3"), SHORT_LEASE, 1), 1);
    awaitLease("next-worker", 1);

    List<JobAttempt> attempts = backend.admin().job(queue, id).orElseThrow().attempts();
    assertThat(attempts).hasSize(JobInfo.KEPT_ATTEMPTS);
    assertThat(attempts.get(0).attempt()).isEqualTo(2);
    JobAttempt last = attempts.get(attempts.size() - 1);
    assertThat(last.attempt()).isEqualTo(JobInfo.KEPT_ATTEMPTS + 1);
    assertThat(last.worker()).isEqualTo("host-c/3");
    assertThat(last.failure().exceptionClass()).isEqualTo("Stalled");
  }

  @Test
  void shouldReportStalledJobsToTheFetcherAndToSubscribers() throws Exception {
    ConcurrentLinkedQueue<JobEvent> heard = new ConcurrentLinkedQueue<>();
    try (AutoCloseable subscription = backend.subscribe(queue, heard::add)) {
      String id = addOne();
      backend.fetch(queue, new Lease("hung", SHORT_LEASE, 0), 1);
      List<JobEvent> noticed = new ArrayList<>();
      poll(
          () -> {
            noticed.addAll(backend.fetch(queue, new Lease("observer", SHORT_LEASE, 0), 0).events());
            return !noticed.isEmpty();
          });

      assertThat(noticed)
          .extracting(JobEvent::type)
          .containsExactly(JobEvent.Type.STALLED, JobEvent.Type.DEAD, JobEvent.Type.FAILED);
      assertThat(noticed).allMatch(e -> e.id().equals(id) && "job".equals(e.name()));
      await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 3);
      assertThat(heard)
          .extracting(JobEvent::type)
          .containsExactly(JobEvent.Type.STALLED, JobEvent.Type.DEAD, JobEvent.Type.FAILED);
      assertThat(heard.peek().failure().exceptionClass()).isEqualTo("Stalled");
    }
  }

  @Test
  void shouldKeepRenewedLeasesFromExpiring() {
    String id = addOne();
    Duration lease = Duration.ofMillis(500);
    backend.fetch(queue, new Lease("busy-worker", lease, 1), 1);
    Instant until = Instant.now().plusMillis(1500);
    while (Instant.now().isBefore(until)) {
      assertThat(backend.renew(queue, "busy-worker", List.of(id), lease)).isEmpty();
      assertThat(backend.fetch(queue, new Lease("thief", lease, 1), 1).jobs()).isEmpty();
    }
    assertThat(backend.admin().job(queue, id).orElseThrow().stalls()).isZero();
  }

  @Test
  void shouldReleaseHeldJobsWithoutCountingTheAttempt() {
    String id = addOne();
    backend.fetch(queue, new Lease("stopping", Duration.ofMinutes(1), 1), 1);
    backend.release(queue, "someone-else", List.of(id));
    assertThat(backend.admin().job(queue, id).orElseThrow().state()).isEqualTo(JobState.ACTIVE);

    backend.release(queue, "stopping", List.of(id));

    JobInfo waiting = backend.admin().job(queue, id).orElseThrow();
    assertThat(waiting.state()).isEqualTo(JobState.WAITING);
    assertThat(waiting.attemptsMade()).isZero();
    assertThat(backend.fetch(queue, new Lease("next", SHORT_LEASE, 1), 1).jobs().get(0).attempt())
        .isEqualTo(1);
  }

  @Test
  void shouldAcknowledgeManyOutcomesInOneCall() {
    String a = addOne();
    String b = addOne();
    String c = addOne();
    assertThat(backend.fetch(queue, new Lease("w", Duration.ofMinutes(1), 1), 10).jobs())
        .hasSize(3);
    JobFailure boom = new JobFailure("java.lang.RuntimeException", "boom", "stack");

    Set<String> refused =
        backend.acknowledge(
            queue,
            "w",
            List.of(
                new Ack.Complete(a, null, Retention.keepAll()),
                new Ack.Retry(b, Instant.now().plusSeconds(60), boom),
                new Ack.Fail(c, boom, true, Retention.keepAll())));

    assertThat(refused).isEmpty();
    assertThat(backend.admin().job(queue, a).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    assertThat(backend.admin().job(queue, b).orElseThrow().state()).isEqualTo(JobState.DELAYED);
    assertThat(backend.admin().job(queue, b).orElseThrow().failure()).isEqualTo(boom);
    assertThat(backend.admin().job(queue, c).orElseThrow().state()).isEqualTo(JobState.DEAD);
    assertThat(backend.admin().counts(queue).active()).isZero();
    Fetched next = backend.fetch(queue, new Lease("w", Duration.ofMinutes(1), 1), 10);
    assertThat(next.jobs()).isEmpty();
    assertThat(next.nextDelayed()).isAfter(Instant.now().plusSeconds(50));
  }
}
