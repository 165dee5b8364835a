package dev.errand.queue.internal.memory;

import dev.errand.queue.JobEvent;
import dev.errand.queue.spi.EventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * One memory queue's event subscribers and cancellation listeners. Events are collected under the
 * queue's lock and delivered after it is released, so a subscriber may call back into the queue.
 */
final class MemorySignals {

  private final List<EventSink> sinks = new CopyOnWriteArrayList<>();
  private final List<Consumer<String>> cancels = new CopyOnWriteArrayList<>();
  private final ThreadLocal<List<JobEvent>> pending = ThreadLocal.withInitial(ArrayList::new);

  AutoCloseable subscribe(EventSink sink) {
    sinks.add(sink);
    return () -> sinks.remove(sink);
  }

  AutoCloseable onCancel(Consumer<String> listener) {
    cancels.add(listener);
    return () -> cancels.remove(listener);
  }

  /** Queues an event for {@link #flush}; call under the queue's lock. */
  void event(JobEvent event) {
    if (!sinks.isEmpty()) {
      pending.get().add(event);
    }
  }

  /** Delivers the events queued by this thread; call after releasing the queue's lock. */
  void flush() {
    List<JobEvent> events = pending.get();
    if (events.isEmpty()) {
      return;
    }
    List<JobEvent> copy = List.copyOf(events);
    events.clear();
    for (JobEvent event : copy) {
      for (EventSink sink : sinks) {
        try {
          sink.accept(event);
        } catch (RuntimeException e) {
          LoggerFactory.getLogger(MemorySignals.class)
              .warn("An event subscriber failed on job {}", event.id(), e);
        }
      }
    }
  }

  void cancel(String id) {
    cancels.forEach(c -> c.accept(id));
  }
}
