package dev.errand.queue.spi;

import dev.errand.queue.JobEvent;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What {@link QueueBackend#fetch} leased.
 *
 * @param jobs the leased jobs, in the order they should start
 * @param nextDelayed when the queue may next have work that nothing will signal: the earliest of a
 *     delayed job falling due, the queue's rate limit lifting and, for a {@link QueueBackend#fetch}
 *     that leased fewer jobs than asked, a lease expiring (its job then goes back to waiting); null
 *     when none of these is pending. An idle worker waits until then at most.
 * @param refused the ids whose acknowledgement {@link QueueBackend#acknowledgeAndFetch} refused
 * @param events what the call noticed on its way, such as stalled jobs, for local listeners
 */
public record Fetched(
    List<LeasedJob> jobs, Instant nextDelayed, Set<String> refused, List<JobEvent> events) {

  public Fetched {
    jobs = List.copyOf(jobs);
    refused = Set.copyOf(refused);
    events = List.copyOf(events);
  }

  public Fetched(List<LeasedJob> jobs, Instant nextDelayed, Set<String> refused) {
    this(jobs, nextDelayed, refused, List.of());
  }

  public Fetched(List<LeasedJob> jobs, Instant nextDelayed) {
    this(jobs, nextDelayed, Set.of(), List.of());
  }
}
