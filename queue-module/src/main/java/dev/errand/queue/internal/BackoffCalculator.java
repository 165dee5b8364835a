package dev.errand.queue.internal;

import dev.errand.queue.Backoff;
import dev.errand.queue.BackoffStrategy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a {@link Backoff} and the failed attempt's number into the delay before the next one. */
public final class BackoffCalculator {

  private static final Logger log = LoggerFactory.getLogger(BackoffCalculator.class);
  private static final Duration MAX_DELAY = Duration.ofDays(7);

  private final Map<String, BackoffStrategy> strategies;

  public BackoffCalculator(Map<String, BackoffStrategy> strategies) {
    this.strategies = Map.copyOf(strategies);
  }

  /**
   * The delay after attempt {@code attempt} (from 1) failed with {@code error}.
   *
   * @param fallback used when a custom strategy is not registered in this process
   */
  public Duration delay(Backoff backoff, int attempt, Throwable error, Backoff fallback) {
    return switch (backoff) {
      case Backoff.Fixed f -> f.delay();
      case Backoff.Exponential e -> exponential(e, attempt);
      case Backoff.Custom c -> {
        BackoffStrategy strategy = strategies.get(c.name());
        if (strategy == null) {
          log.warn(
              "No backoff strategy named '{}' is registered in this process"
                  + " (QueueAdapter#backoffStrategy); using the queue's default backoff",
              c.name());
          yield fallback instanceof Backoff.Custom
              ? Duration.ZERO
              : delay(fallback, attempt, error, fallback);
        }
        Duration d = strategy.delay(attempt, error);
        yield d == null || d.isNegative() ? Duration.ZERO : d;
      }
    };
  }

  private static Duration exponential(Backoff.Exponential e, int attempt) {
    long base = e.initialDelay().toMillis();
    int shift = Math.min(Math.max(attempt - 1, 0), 40);
    double millis = Math.min((double) base * (1L << shift), MAX_DELAY.toMillis());
    if (e.jitter() > 0) {
      millis -= millis * e.jitter() * ThreadLocalRandom.current().nextDouble();
    }
    return Duration.ofMillis((long) millis);
  }
}
