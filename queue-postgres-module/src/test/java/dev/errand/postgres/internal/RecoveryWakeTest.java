package dev.errand.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.postgres.TestPostgres;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.LeasedJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fetch that takes back a dead worker's expired lease puts its job back in line after its own
 * lease, so it runs none of them; it wakes the queue's idle workers, itself included, or the job
 * would wait for the next idle check (two minutes by default).
 */
class RecoveryWakeTest {

  private static final String QUEUE = "recovery";

  @RegisterExtension final TestPostgres postgres = new TestPostgres();

  @Test
  void shouldWakeTheIdleWorkersWhenAFetchTakesBackAnExpiredLease() {
    PostgresBackend backend = postgres.backend();
    backend.add(QUEUE, List.of(new JobDraft("job", "{}", null, "lost", 0, null)));
    Lease dead = new Lease("dead-worker", Duration.ofMillis(300), 5);
    assertThat(backend.fetch(QUEUE, dead, 1).jobs())
        .extracting(LeasedJob::id)
        .containsExactly("lost");
    Instant expired = Instant.now().plus(dead.duration()).plusMillis(150);
    await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(expired));

    Lease alive = new Lease("alive-worker", Duration.ofSeconds(30), 5);
    // This fetch takes the lease back, after leasing: it gets nothing itself.
    assertThat(backend.fetch(QUEUE, alive, 1).jobs()).isEmpty();
    CompletableFuture<Void> idle = IdleWait.start(backend, QUEUE, Duration.ofSeconds(60));

    await().atMost(Duration.ofSeconds(5)).until(idle::isDone);
    assertThat(backend.fetch(QUEUE, alive, 1).jobs())
        .extracting(LeasedJob::id)
        .containsExactly("lost");
  }

  @Test
  void shouldWakeTheIdleWorkersWhenAFetchFullOfWaitingJobsTakesBackAnExpiredLease() {
    PostgresBackend backend = postgres.backend();
    backend.add(QUEUE, List.of(new JobDraft("job", "{}", null, "lost", 0, null)));
    Lease dead = new Lease("dead-worker", Duration.ofMillis(300), 5);
    assertThat(backend.fetch(QUEUE, dead, 1).jobs()).hasSize(1);
    backend.add(
        QUEUE,
        List.of(
            new JobDraft("job", "{}", null, "waiting-1", 0, null),
            new JobDraft("job", "{}", null, "waiting-2", 0, null)));
    Instant expired = Instant.now().plus(dead.duration()).plusMillis(150);
    await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(expired));

    // A busy worker's fetch fills up with the waiting jobs and takes the lease back after them:
    // the job it put back in line is for another worker, which must hear of it.
    Lease busy = new Lease("busy-worker", Duration.ofSeconds(30), 5);
    assertThat(backend.fetch(QUEUE, busy, 2).jobs())
        .extracting(LeasedJob::id)
        .containsExactlyInAnyOrder("waiting-1", "waiting-2");
    CompletableFuture<Void> idle = IdleWait.start(backend, QUEUE, Duration.ofSeconds(60));

    await().atMost(Duration.ofSeconds(5)).until(idle::isDone);
    Lease other = new Lease("other-worker", Duration.ofSeconds(30), 5);
    assertThat(backend.fetch(QUEUE, other, 1).jobs())
        .extracting(LeasedJob::id)
        .containsExactly("lost");
  }
}
