package dev.errand.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcknowledgerSendRuleTest {

  private static final int CONCURRENCY = 50;

  @Test
  void shouldSendAnyBatchWhenNoTripIsUnderWay() {
    assertThat(Acknowledger.maySend(1, 0, CONCURRENCY)).isTrue();
  }

  @Test
  void shouldNotSendAnEmptyBatch() {
    assertThat(Acknowledger.maySend(0, 0, CONCURRENCY)).isFalse();
  }

  @Test
  void shouldSendBesideATripUnderWayOnlyWithHalfTheSlots() {
    assertThat(Acknowledger.maySend(CONCURRENCY / 2 - 1, 1, CONCURRENCY)).isFalse();
    assertThat(Acknowledger.maySend(CONCURRENCY / 2, 1, CONCURRENCY)).isTrue();
  }

  @Test
  void shouldNeverHaveMoreThanTwoTripsUnderWay() {
    assertThat(Acknowledger.maySend(Acknowledger.MAX_BATCH, 2, CONCURRENCY)).isFalse();
  }

  @Test
  void shouldLetASingleSlotWorkerSendBesideATrip() {
    assertThat(Acknowledger.maySend(1, 1, 1)).isTrue();
  }
}
