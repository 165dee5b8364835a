package dev.errand.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.postgres.TestPostgres;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.LeasedJob;
import dev.errand.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fetches promote due delayed jobs at most every 100 ms per queue, but a fetch that skipped it and
 * saw a delayed job fall due makes the next fetch promote at once, so the job does not wait out the
 * rest of the 100 ms.
 */
class UpkeepOwedTest {

  private static final String QUEUE = "owed";
  private static final Lease LEASE = new Lease("worker", Duration.ofSeconds(30), 1);

  @RegisterExtension final TestPostgres postgres = new TestPostgres();

  @Test
  void shouldPromoteAtTheNextFetchADelayedJobAFetchSawFallDueBetweenRounds() {
    MutableClock clock = MutableClock.at("2026-01-05T09:00:00Z");
    PostgresBackend backend = postgres.backend(clock);
    Instant due = clock.instant().plusMillis(50);
    backend.add(QUEUE, List.of(new JobDraft("job", "{}", null, "later", 0, due)));

    // Promotes what is due (nothing yet): the queue's round of upkeep.
    assertThat(backend.fetch(QUEUE, LEASE, 1).jobs()).isEmpty();
    clock.advance(Duration.ofMillis(60));
    // 60 ms after that round: skips the upkeep, and sees the job due.
    assertThat(backend.fetch(QUEUE, LEASE, 1).jobs()).isEmpty();

    // Still within the 100 ms, at the same moment: promotes and leases it.
    assertThat(backend.fetch(QUEUE, LEASE, 1).jobs())
        .extracting(LeasedJob::id)
        .containsExactly("later");
  }
}
