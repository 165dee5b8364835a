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

  /** When the handler ended. */
  public Instant finishedAt() {
    return startedAt.plus(took);
  }
}
