package dev.errand.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.postgres.TestPostgres;
import dev.errand.queue.spi.CheckpointStore;
import dev.errand.testsupport.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A job's checkpoints are kept a week after its last write, then deleted by a later write. */
class CheckpointKeepTest {

  @RegisterExtension final TestPostgres postgres = new TestPostgres();

  @Test
  void shouldKeepAJobsCheckpointsAWeekAfterItsLastWrite() {
    MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    PostgresBackend backend = new PostgresBackend(postgres.dataSource(2), "errand_", clock);
    CheckpointStore checkpoints = backend.checkpoints();
    checkpoints.save("orders", "1", "charge", "\"c-1\"");
    checkpoints.save("orders", "2", "charge", "\"c-2\"");
    clock.advance(Duration.ofDays(5));
    checkpoints.save("orders", "1", "receipt", "\"r-1\"");

    clock.advance(Duration.ofDays(3));
    checkpoints.save("orders", "3", "charge", "\"c-3\"");

    assertThat(checkpoints.load("orders", "1"))
        .containsOnlyKeys("charge", "receipt")
        .containsEntry("charge", "\"c-1\"");
    assertThat(checkpoints.load("orders", "2")).isEmpty();
    assertThat(checkpoints.load("orders", "3")).containsOnlyKeys("charge");
  }
}
