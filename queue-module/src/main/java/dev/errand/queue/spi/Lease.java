package dev.errand.queue.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * The terms on which a worker holds the jobs it fetches.
 *
 * <p>A worker's token names its process ({@link #newToken}), so a backend that keeps the token of
 * each held job can say, once a lease expires, which process stopped running the job, without
 * storing more per job. A token made another way names no process.
 *
 * @param token the worker's token; only it may renew, acknowledge or release the jobs
 * @param duration how long a lease lasts unless renewed
 * @param maxStalled how many expired leases a job survives before it is dead
 */
public record Lease(String token, Duration duration, int maxStalled) {

  /** Between the process and the unique part of a token; a host name holds no such character. */
  private static final char WORKER_END = '#';

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

  /** A token no other worker has, naming the process {@code worker} ({@code host/pid}). */
  public static String newToken(String worker) {
    Objects.requireNonNull(worker, "worker");
    return worker + WORKER_END + UUID.randomUUID();
  }

  /**
   * The process a token from {@link #newToken} names; empty for a token made another way, or null.
   * The Redis scripts read tokens the same way.
   */
  public static String workerOf(String token) {
    int end = token == null ? -1 : token.lastIndexOf(WORKER_END);
    return end < 0 ? "" : token.substring(0, end);
  }
}
