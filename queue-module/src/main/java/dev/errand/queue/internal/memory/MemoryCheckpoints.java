package dev.errand.queue.internal.memory;

import dev.errand.queue.spi.CheckpointStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Step checkpoints in this process, dropped a week after a job's last step. */
final class MemoryCheckpoints implements CheckpointStore {

  static final Duration KEEP = Duration.ofDays(7);

  private record Saved(Map<String, String> steps, Instant touched) {}

  private final Clock clock;
  private final Map<String, Saved> jobs = new ConcurrentHashMap<>();

  MemoryCheckpoints(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Map<String, String> load(String queue, String jobId) {
    Saved saved = jobs.get(queue + "\n" + jobId);
    return saved == null ? Map.of() : Map.copyOf(saved.steps());
  }

  @Override
  public void save(String queue, String jobId, String step, String resultJson) {
    Instant now = clock.instant();
    jobs.values().removeIf(s -> s.touched().plus(KEEP).isBefore(now));
    jobs.compute(
        queue + "\n" + jobId,
        (k, saved) -> {
          Map<String, String> steps =
              saved == null ? new HashMap<>() : new HashMap<>(saved.steps());
          steps.put(step, resultJson);
          return new Saved(steps, now);
        });
  }
}
