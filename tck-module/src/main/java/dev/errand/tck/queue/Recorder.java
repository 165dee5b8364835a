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

  /** What each workflow step run by the {@code gather} handler saw of its dependencies. */
  public final Map<String, List<String>> gathered = new ConcurrentHashMap<>();

  /** The dependency counts each {@code gather} step saw: total, completed, failed. */
  public final Map<String, List<Integer>> counts = new ConcurrentHashMap<>();

  /** Each checkpointed step that really ran, as {@code key:step}. */
  public final ConcurrentLinkedQueue<String> stepRuns = new ConcurrentLinkedQueue<>();

  /** The failures passed on to each {@code gather} step, by dependency. */
  public final Map<String, Map<String, String>> passedFailures = new ConcurrentHashMap<>();

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
