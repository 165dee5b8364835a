package dev.errand.queue.internal;

import dev.errand.queue.JobEvent;
import dev.errand.queue.JobListener;
import dev.errand.queue.internal.shard.QueueShards;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the events of this process's workers to the local listeners, and every event, local or
 * heard through the backend, to the producers waiting for a job.
 */
public final class EventHub {

  private static final Logger log = LoggerFactory.getLogger(EventHub.class);

  private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
  private final Waiters waiters = new Waiters();

  public void addListener(JobListener listener) {
    listeners.add(listener);
  }

  public Waiters waiters() {
    return waiters;
  }

  /** An event of a job this process ran (or, for a stall, noticed). */
  public void local(JobEvent event) {
    event = QueueShards.underQueueName(event);
    for (JobListener listener : listeners) {
      try {
        listener.on(event);
      } catch (RuntimeException e) {
        log.warn(
            "JobListener {} failed on the {} event of job {} in queue '{}'",
            listener.getClass().getName(),
            event.type(),
            event.id(),
            event.queue(),
            e);
      }
    }
    waiters.offer(event);
  }

  /** An event heard through the backend, possibly from another process. */
  public void remote(JobEvent event) {
    waiters.offer(event);
  }
}
