package dev.errand.queue.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How one run went, sent with its {@link Ack} so the backend can keep the job's attempts and the
 * queue's per-minute history in the same call.
 *
 * @param startedAt when the handler started
 * @param took how long it ran
 * @param worker the process that ran it, as {@code host/pid}
 */
public record RunInfo(Instant startedAt, Duration took, String worker) {

  public RunInfo {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(took, "took");
    Objects.requireNonNull(worker, "worker");
  }

  /**
   * A run its worker never reported, cut off by its lease expiring: from {@code leasedAtMillis}
   * (epoch ms) to {@code noticedAtMillis}, when a backend recovered the lease; {@code worker} as
   * {@link Lease#workerOf} reads it from the lease's token (empty when unknown).
   */
  public static RunInfo cutOff(long leasedAtMillis, long noticedAtMillis, String worker) {
    // Clocks of different processes may disagree: a run is never shorter than nothing.
    long start = Math.min(leasedAtMillis, noticedAtMillis);
    return new RunInfo(
        Instant.ofEpochMilli(start), Duration.ofMillis(noticedAtMillis - start), worker);
  }

  /** When the handler ended. */
  public Instant finishedAt() {
    return startedAt.plus(took);
  }
}
