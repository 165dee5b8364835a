package dev.errand.queue.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.queue.OutboxMetrics;
import dev.errand.queue.spi.JobDraft;
import dev.errand.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxRecorderTest {

  private final MutableClock clock = MutableClock.at("2026-11-30T10:00:00Z");
  private final OutboxRecorder recorder = new OutboxRecorder(clock);

  @Test
  void shouldGiveNearestRankPercentilesOfTheDelaysOfTheLastMinute() {
    Instant sent = clock.instant();
    List<OutboxTable.Row> rows = new ArrayList<>();
    for (int ms = 1; ms <= 100; ms++) {
      rows.add(row(sent.minusMillis(ms)));
    }
    recorder.moved(rows, sent);

    OutboxMetrics metrics = recorder.snapshot();
    assertThat(metrics.relayed()).isEqualTo(100);
    assertThat(metrics.delayP50Millis()).isEqualTo(50.0);
    assertThat(metrics.delayP99Millis()).isEqualTo(99.0);
    assertThat(metrics.delayMaxMillis()).isEqualTo(100.0);

    clock.advance(OutboxRecorder.WINDOW);
    assertThat(recorder.snapshot().delayMaxMillis()).isZero();
    assertThat(recorder.snapshot().relayed()).isEqualTo(100);
  }

  @Test
  void shouldKeepOnlyTheLatestDelaysAndCountAnotherClocksFutureAsNoDelay() {
    Instant sent = clock.instant();
    recorder.moved(rows(OutboxRecorder.RECENT, sent.minusSeconds(30)), sent);
    assertThat(recorder.snapshot().delayP50Millis()).isEqualTo(30_000.0);

    // Rows of a process whose clock runs ahead seem added after they were moved: no delay. As
    // many of them push every earlier delay out.
    recorder.moved(rows(OutboxRecorder.RECENT, sent.plusMillis(40)), sent);

    OutboxMetrics metrics = recorder.snapshot();
    assertThat(metrics.relayed()).isEqualTo(2L * OutboxRecorder.RECENT);
    assertThat(metrics.delayP50Millis()).isZero();
    assertThat(metrics.delayMaxMillis()).isZero();
  }

  @Test
  void shouldReportTheBacklogAsLastCountedAndNoneBeforeTheFirstCount() {
    assertThat(recorder.snapshot().waiting()).isEqualTo(-1);
    assertThat(recorder.snapshot().measuredAt()).isNull();

    recorder.counted(new OutboxTable.Backlog(7, clock.instant().minus(Duration.ofMillis(2500))));
    clock.advance(Duration.ofSeconds(3));

    OutboxMetrics metrics = recorder.snapshot();
    assertThat(metrics.waiting()).isEqualTo(7);
    assertThat(metrics.oldestWaitingMillis()).isEqualTo(2500.0);
    assertThat(metrics.measuredAt()).isEqualTo(clock.instant().minusSeconds(3));

    recorder.counted(new OutboxTable.Backlog(0, null));
    assertThat(recorder.snapshot().oldestWaitingMillis()).isZero();
  }

  private static List<OutboxTable.Row> rows(int count, Instant addedAt) {
    List<OutboxTable.Row> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(row(addedAt));
    }
    return rows;
  }

  private static OutboxTable.Row row(Instant addedAt) {
    return new OutboxTable.Row(
        1, "q", new JobDraft("n", "{}", null, "id", 0, null, null, null), addedAt);
  }
}
