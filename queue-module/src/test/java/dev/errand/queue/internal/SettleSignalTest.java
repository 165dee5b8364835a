package dev.errand.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SettleSignalTest {

  private static final long LONG_WAIT = TimeUnit.MINUTES.toNanos(1);

  @Test
  void shouldReturnAtOnceWhenNothingIsLeftToWaitFor() throws InterruptedException {
    SettleSignal signal = new SettleSignal();

    assertThat(signal.await(() -> true, System.nanoTime() + LONG_WAIT)).isTrue();
  }

  @Test
  void shouldWakeTheWaiterWhenTheLastRunSettles() {
    SettleSignal signal = new SettleSignal();
    AtomicInteger running = new AtomicInteger(3);
    AtomicBoolean settled = new AtomicBoolean();
    Thread stopping = new Thread(() -> settled.set(awaitQuietly(signal, running)));
    stopping.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> isWaiting(stopping));

    for (int i = 0; i < 3; i++) {
      assertThat(stopping.isAlive()).as("still waiting for %s run(s)", running.get()).isTrue();
      running.decrementAndGet();
      signal.settled();
    }

    await().atMost(Duration.ofSeconds(5)).until(() -> !stopping.isAlive());
    assertThat(settled).isTrue();
  }

  @Test
  void shouldGiveUpAtTheDeadline() throws InterruptedException {
    SettleSignal signal = new SettleSignal();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);

    assertThat(signal.await(() -> false, deadline)).isFalse();
    assertThat(System.nanoTime()).isGreaterThanOrEqualTo(deadline);
  }

  private static boolean isWaiting(Thread thread) {
    return thread.getState() == Thread.State.TIMED_WAITING;
  }

  private static boolean awaitQuietly(SettleSignal signal, AtomicInteger running) {
    try {
      return signal.await(() -> running.get() == 0, System.nanoTime() + LONG_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
