package dev.errand.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.postgres.TestPostgres;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An add wakes its own process's idle worker of the queue once it commits, without the NOTIFY: each
 * test first clears the queue's idle mark, so the add sends no NOTIFY and only the local wake-up is
 * left to end the wait.
 */
class LocalWakeTest {

  private static final String QUEUE = "local";
  private static final Lease LEASE = new Lease("worker", Duration.ofSeconds(30), 1);

  @RegisterExtension final TestPostgres postgres = new TestPostgres();

  @Test
  void shouldWakeThisProcesssIdleWorkerWhenItAddsAJob() throws Exception {
    PostgresBackend backend = postgres.backend();
    CompletableFuture<Void> waiting = unmarkedIdleWorker(backend);
    backend.add(QUEUE, List.of(new JobDraft("job", "{}", null, null, 0, null)));

    await().atMost(Duration.ofSeconds(5)).until(waiting::isDone);
  }

  @Test
  void shouldNotWakeThisProcesssIdleWorkerForADelayedJob() throws Exception {
    PostgresBackend backend = postgres.backend();
    CompletableFuture<Void> waiting = unmarkedIdleWorker(backend);
    Instant later = Instant.now().plus(Duration.ofHours(1));
    backend.add(QUEUE, List.of(new JobDraft("job", "{}", null, null, 0, later)));

    // Still waiting: nothing it could run was added.
    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> !waiting.isDone());
  }

  /**
   * A worker that found the queue empty and waits, with the queue's idle mark cleared behind it, so
   * that adds send no NOTIFY.
   */
  private CompletableFuture<Void> unmarkedIdleWorker(PostgresBackend backend) throws Exception {
    assertThat(backend.fetch(QUEUE, LEASE, 1).jobs()).isEmpty();
    forgetIdleWorkers();
    // Heard NOTIFYs would end the wait too; without LISTEN the wait would last a second only.
    assertThat(backend.listening()).isTrue();
    return IdleWait.start(backend, QUEUE, Duration.ofSeconds(20));
  }

  /** No worker counts as idle any more, so adds send no NOTIFY. */
  private void forgetIdleWorkers() throws Exception {
    try (Connection c = postgres.dataSource(1).getConnection();
        Statement statement = c.createStatement()) {
      assertThat(
              statement.executeUpdate(
                  "UPDATE errand_queue SET idle_until = 0 WHERE queue = '" + QUEUE + "'"))
          .isEqualTo(1);
    }
  }
}
