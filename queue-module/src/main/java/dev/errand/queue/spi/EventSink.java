package dev.errand.queue.spi;

import dev.errand.queue.JobEvent;

/**
 * Where a backend delivers the events of a queue subscribed with {@link QueueBackend#subscribe}.
 */
@FunctionalInterface
public interface EventSink {

  void accept(JobEvent event);
}
