package dev.errand.queue.faults;

import com.google.inject.Inject;
import dev.errand.core.ErrandRedis;
import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.Process;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In the doomed child JVM it records in Redis that it holds a job, then hangs until killed; in the
 * test's own JVM it counts each completion.
 */
@Job("crash")
public final class CrashProcessor {

  /** Which of the two behaviours this JVM wants. */
  public record Mode(boolean hang, String startedKey) {}

  /** Completions per job id in this JVM. */
  public static final Map<String, AtomicInteger> COMPLETIONS = new ConcurrentHashMap<>();

  private final Mode mode;
  private final ErrandRedis redis;

  @Inject
  CrashProcessor(Mode mode, ErrandRedis redis) {
    this.mode = mode;
    this.redis = redis;
  }

  @Process
  void run(Map<String, Object> payload, JobContext job) throws InterruptedException {
    if (mode.hang()) {
      redis.commands().sadd(mode.startedKey(), job.id());
      Thread.sleep(Long.MAX_VALUE);
    }
    COMPLETIONS.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
  }
}
