package dev.errand.postgres.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** An idle worker's wait for jobs, on a thread of its own: done once a wake-up ended it. */
final class IdleWait {

  private IdleWait() {}

  /** Starts waiting for jobs of {@code queue}, for at most {@code timeout}. */
  static CompletableFuture<Void> start(PostgresBackend backend, String queue, Duration timeout) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            backend.awaitJobs(queue, timeout);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }
}
