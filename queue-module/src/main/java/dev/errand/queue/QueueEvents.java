package dev.errand.queue;

/**
 * Hears the events of a queue whichever process runs its jobs: through Redis pub/sub on the Redis
 * backend, in process on the memory backend. Inject it anywhere:
 *
 * <pre>{@code
 * AutoCloseable subscription = events.subscribe("email", new JobListener() {
 *   @Override public void dead(JobEvent event) { alerts.page(event.id(), event.failure()); }
 * });
 * }</pre>
 *
 * <p>Events are sent as they happen and not stored: a subscriber hears what happens while it is
 * subscribed.
 */
public interface QueueEvents {

  /**
   * Starts delivering {@code queue}'s events to {@code listener}; it is subscribed when this
   * returns.
   *
   * @return closing it ends the subscription
   */
  AutoCloseable subscribe(String queue, JobListener listener);
}
