package dev.errand.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.queue.Backoff;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BackoffCalculatorTest {

  private final Backoff fallback = Backoff.fixed(Duration.ofMillis(70));
  private final BackoffCalculator calculator =
      new BackoffCalculator(
          Map.of("tenfold", (attempt, error) -> Duration.ofMillis(10L * attempt)));
  private final Exception error = new IllegalStateException("boom");

  @Test
  void shouldDoubleTheExponentialDelayWithEachAttempt() {
    Backoff backoff = Backoff.exponential(Duration.ofMillis(100));
    assertThat(calculator.delay(backoff, 1, error, fallback)).isEqualTo(Duration.ofMillis(100));
    assertThat(calculator.delay(backoff, 2, error, fallback)).isEqualTo(Duration.ofMillis(200));
    assertThat(calculator.delay(backoff, 4, error, fallback)).isEqualTo(Duration.ofMillis(800));
  }

  @Test
  void shouldCapTheExponentialDelayAtSevenDays() {
    Backoff backoff = Backoff.exponential(Duration.ofHours(1));
    assertThat(calculator.delay(backoff, 60, error, fallback)).isEqualTo(Duration.ofDays(7));
  }

  @RepeatedTest(20)
  void shouldShortenTheDelayByAtMostTheJitterFraction() {
    Backoff backoff = Backoff.exponential(Duration.ofMillis(1000), 0.25);
    Duration delay = calculator.delay(backoff, 2, error, fallback);
    assertThat(delay).isBetween(Duration.ofMillis(1500), Duration.ofMillis(2000));
  }

  @Test
  void shouldApplyANamedStrategyAndFallBackWhenItIsNotRegistered() {
    assertThat(calculator.delay(Backoff.custom("tenfold"), 3, error, fallback))
        .isEqualTo(Duration.ofMillis(30));
    assertThat(calculator.delay(Backoff.custom("unknown"), 3, error, fallback))
        .isEqualTo(Duration.ofMillis(70));
  }
}
