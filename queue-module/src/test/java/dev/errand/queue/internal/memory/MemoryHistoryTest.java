package dev.errand.queue.internal.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.queue.MinuteStats;
import dev.errand.queue.Retention;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.RunInfo;
import dev.errand.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memory backend keeps its history for the retention, as Redis keys expire. */
class MemoryHistoryTest {

  private final MutableClock clock = MutableClock.at("2026-11-29T10:15:30Z");
  private final MemoryBackend backend = new MemoryBackend(clock);
  private final Lease lease = new Lease("w", Duration.ofMinutes(5), 1);

  private void runOne() {
    String id = backend.add("q", List.of(new JobDraft("job", "{}", null, null, 0, null))).get(0);
    backend.fetch("q", lease, 1);
    backend.acknowledge(
        "q",
        "w",
        List.of(
            new Ack.Complete(
                id,
                null,
                Retention.keepAll(),
                new RunInfo(clock.instant(), Duration.ofMillis(4), "h/1"))));
  }

  private List<MinuteStats> all() {
    return backend.admin().history("q", Instant.EPOCH, clock.instant().plus(Duration.ofDays(1)));
  }

  @Test
  void shouldForgetMinutesPastTheRetention() {
    backend.historyRetention(Duration.ofHours(2));
    runOne();
    assertThat(all())
        .extracting(MinuteStats::minute)
        .containsExactly(Instant.parse("2026-11-29T10:15:00Z"));

    clock.advance(Duration.ofMinutes(119));
    runOne();
    assertThat(all()).hasSize(2);

    clock.advance(Duration.ofMinutes(2));
    assertThat(all())
        .extracting(MinuteStats::minute)
        .containsExactly(Instant.parse("2026-11-29T12:14:00Z"));
  }
}
