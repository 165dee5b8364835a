package dev.errand.testing.sample;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Where the sample's handlers write what they did, and on which thread, for the tests to read. */
@Singleton
public final class Recorder {

  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  void record(String event) {
    events.add(event);
    threads.add(Thread.currentThread());
  }

  public List<String> events() {
    return List.copyOf(events);
  }

  public List<Thread> threads() {
    return List.copyOf(threads);
  }
}
