package dev.errand.queue.spi;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What {@link QueueBackend#fetch} leased.
 *
 * @param jobs the leased jobs, in the order they should start
 * @param nextDelayed when the earliest delayed job becomes due, or null when none is delayed
 * @param refused the ids whose acknowledgement {@link QueueBackend#acknowledgeAndFetch} refused
 */
public record Fetched(List<LeasedJob> jobs, Instant nextDelayed, Set<String> refused) {

  public Fetched {
    jobs = List.copyOf(jobs);
    refused = Set.copyOf(refused);
  }

  public Fetched(List<LeasedJob> jobs, Instant nextDelayed) {
    this(jobs, nextDelayed, Set.of());
  }
}
