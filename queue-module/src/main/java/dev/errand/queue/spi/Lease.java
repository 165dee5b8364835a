package dev.errand.queue.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * The terms on which a worker holds the jobs it fetches.
 *
 * @param token the worker's token; only it may renew, acknowledge or release the jobs
 * @param duration how long a lease lasts unless renewed
 * @param maxStalled how many expired leases a job survives before it is dead
 */
public record Lease(String token, Duration duration, int maxStalled) {

  public Lease {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("A lease must last longer than zero, got " + duration);
    }
    if (maxStalled < 0) {
      throw new IllegalArgumentException("maxStalled must be 0 or more, got " + maxStalled);
    }
  }
}
