package dev.errand.tck.queue;

import com.google.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** What the test processors saw, and the switches tests use to steer them. */
@Singleton
public final class Recorder {

  /** One handler call. */
  public record Run(String name, String id, String key, int attempt, long startedAt) {}

  public final ConcurrentLinkedQueue<Run> runs = new ConcurrentLinkedQueue<>();
  public final ConcurrentLinkedQueue<String> finished = new ConcurrentLinkedQueue<>();
  public final ConcurrentLinkedQueue<String> interrupted = new ConcurrentLinkedQueue<>();
  public final CountDownLatch gate = new CountDownLatch(1);
  public final AtomicBoolean healed = new AtomicBoolean();

  /** The metadata each job's latest run saw, by job id. */
  public final Map<String, Map<String, String>> metadata = new ConcurrentHashMap<>();

  void started(String name, String id, String key, int attempt) {
    runs.add(new Run(name, id, key, attempt, System.currentTimeMillis()));
  }

  public List<Run> runsOf(String key) {
    return runs.stream().filter(r -> key.equals(r.key())).toList();
  }

  public List<String> keysInOrder() {
    return runs.stream().map(Run::key).toList();
  }
}
