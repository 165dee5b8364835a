package dev.errand.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrefetchTest {

  private static final long QUICK = 1_000_000;

  @Test
  void shouldAskAheadOnlyWithABacklogAndQuickHandlers() {
    Prefetch prefetch = new Prefetch(3);
    assertThat(prefetch.take()).as("no run measured yet").isZero();

    prefetch.ran(QUICK);
    assertThat(prefetch.take()).as("no backlog seen yet").isZero();

    prefetch.fetched(5, 2);
    assertThat(prefetch.take()).as("the queue ran dry").isZero();

    prefetch.fetched(5, 5);
    assertThat(prefetch.take()).isEqualTo(3);
    assertThat(prefetch.take()).as("already asked for by a trip under way").isZero();
  }

  @Test
  void shouldStopAskingWhenHandlersSlowDown() {
    Prefetch prefetch = new Prefetch(3);
    prefetch.ran(QUICK);
    prefetch.fetched(1, 1);
    for (int i = 0; i < 20; i++) {
      prefetch.ran(Prefetch.QUICK_RUN_NANOS * 10);
    }
    assertThat(prefetch.take()).isZero();
  }

  @Test
  void shouldCountLeasesBeyondThePermitsAndRetireThemFirst() {
    Prefetch prefetch = new Prefetch(3);
    prefetch.ran(QUICK);
    prefetch.fetched(2, 2);
    int ahead = prefetch.take();

    // Two acknowledged jobs' permits plus three ahead, all leased: nothing to give back.
    assertThat(prefetch.settled(2, ahead, 5)).isZero();
    assertThat(prefetch.ahead()).isEqualTo(3);

    // Four jobs finish and the queue has one left: three prefetched leases retire first.
    assertThat(prefetch.settled(4, prefetch.take(), 1)).isZero();
    assertThat(prefetch.ahead()).isZero();
    assertThat(prefetch.take()).as("the queue ran dry").isZero();

    assertThat(prefetch.settled(3, 0, 0)).isEqualTo(3);
  }

  @Test
  void shouldForgetWhatAFailedTripAskedFor() {
    Prefetch prefetch = new Prefetch(3);
    prefetch.ran(QUICK);
    prefetch.fetched(1, 1);
    prefetch.failed(prefetch.take());
    assertThat(prefetch.take()).isEqualTo(3);
  }

  @Test
  void shouldNeverAskAheadWhenTurnedOff() {
    Prefetch prefetch = new Prefetch(0);
    prefetch.ran(QUICK);
    prefetch.fetched(1, 1);
    assertThat(prefetch.take()).isZero();
  }
}
