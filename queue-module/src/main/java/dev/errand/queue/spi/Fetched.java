package dev.errand.queue.spi;

import java.time.Instant;
import java.util.List;

/**
 * What {@link QueueBackend#fetch} leased.
 *
 * @param jobs the leased jobs, in the order they should start
 * @param nextDelayed when the earliest delayed job becomes due, or null when none is delayed
 */
public record Fetched(List<LeasedJob> jobs, Instant nextDelayed) {

  public Fetched {
    jobs = List.copyOf(jobs);
  }
}
