package dev.errand.postgres.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.postgres.TestPostgres;
import dev.errand.queue.RateLimit;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A queue on PostgreSQL is paced by rate limits or by concurrency caps, never both at once. */
class PacingTest {

  @RegisterExtension final TestPostgres postgres = new TestPostgres();

  @Test
  void shouldRefuseCapsOnARateLimitedQueue() {
    PostgresBackend backend = postgres.backend();
    backend.rateLimits("mail", new RateLimit(10, Duration.ofSeconds(1)), null);

    assertThatThrownBy(() -> backend.concurrencyCaps("mail", 2, 0))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage(
            "JOBS_BACKEND=postgres cannot both rate-limit and cap the running jobs of queue"
                + " 'mail': choose one");
  }

  @Test
  void shouldRefuseRateLimitsOnACappedQueue() {
    PostgresBackend backend = postgres.backend();
    backend.concurrencyCaps("sync", 0, 1);

    assertThatThrownBy(
            () -> backend.rateLimits("sync", null, new RateLimit(1, Duration.ofSeconds(1))))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("queue 'sync'");
  }
}
