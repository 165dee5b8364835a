package dev.errand.queue.internal.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.queue.Deduplication;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.Retention;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deduplication windows to the millisecond, on the memory backend under a clock the test moves: a
 * key catches duplicates up to the last millisecond of its window and not at its end.
 */
class MemoryDeduplicationTest {

  private static final String QUEUE = "dedup";
  private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

  private final MutableClock clock = new MutableClock(START);
  private final MemoryBackend backend = new MemoryBackend(clock);

  private String add(String payload, Deduplication dedup) {
    Instant runAt =
        dedup.mode() == Deduplication.Mode.DEBOUNCE ? clock.instant().plus(dedup.window()) : null;
    JobDraft draft = new JobDraft("job", payload, null, null, 0, runAt, null, dedup);
    return backend.add(QUEUE, List.of(draft)).get(0);
  }

  private List<String> fetchPayloads() {
    return backend.fetch(QUEUE, new Lease("w", Duration.ofSeconds(30), 1), 1).jobs().stream()
        .map(j -> j.payload())
        .toList();
  }

  private JobInfo job(String id) {
    return backend.admin().job(QUEUE, id).orElseThrow();
  }

  @Test
  void shouldThrottleUntilTheLastMillisecondOfTheWindow() {
    Deduplication throttle = Deduplication.throttle("t", Duration.ofSeconds(10));
    String first = add("{\"n\":1}", throttle);

    clock.advance(Duration.ofMillis(9_999));
    assertThat(add("{\"n\":2}", throttle)).isEqualTo(first);
    clock.advance(Duration.ofMillis(1));
    String second = add("{\"n\":3}", throttle);

    assertThat(second).isNotEqualTo(first);
    assertThat(job(first).payload()).isEqualTo("{\"n\":1}");
    clock.advance(Duration.ofMillis(9_999));
    assertThat(add("{\"n\":4}", throttle)).isEqualTo(second);
  }

  @Test
  void shouldRestartTheDebounceWindowWithEachAdd() {
    Deduplication debounce = Deduplication.debounce("d", Duration.ofSeconds(10));
    String id = add("{\"n\":1}", debounce);

    clock.advance(Duration.ofMillis(9_999));
    assertThat(add("{\"n\":2}", debounce)).isEqualTo(id);
    clock.advance(Duration.ofMillis(9_999));
    assertThat(fetchPayloads()).isEmpty();
    assertThat(job(id).payload()).isEqualTo("{\"n\":2}");

    clock.advance(Duration.ofMillis(1));
    assertThat(fetchPayloads()).containsExactly("{\"n\":2}");
    assertThat(add("{\"n\":3}", debounce)).isNotEqualTo(id);
  }

  @Test
  void shouldLetTheKeyGoWhenTheJobEnds() {
    Deduplication once = Deduplication.whileUnfinished("u");
    String id = add("{}", once);
    Lease lease = new Lease("w", Duration.ofSeconds(30), 1);
    backend.fetch(QUEUE, lease, 1);
    clock.advance(Duration.ofDays(40));
    backend.renew(QUEUE, "w", List.of(id), Duration.ofSeconds(30));
    assertThat(add("{}", once)).isEqualTo(id);
    assertThat(job(id).state()).isEqualTo(JobState.ACTIVE);

    backend.acknowledge(QUEUE, "w", List.of(new Ack.Complete(id, null, Retention.keepAll())));
    assertThat(add("{}", once)).isNotEqualTo(id);
  }
}
