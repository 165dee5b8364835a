package dev.errand.postgres.faults;

import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.Process;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In the doomed child JVM ({@code -Derrand.crash.hang=true}) it hangs on every job until the test
 * kills it; in the test's own JVM it counts each completion.
 */
@Job("crash")
public final class CrashProcessor {

  /** Completions per job id in this JVM. */
  public static final Map<String, AtomicInteger> COMPLETIONS = new ConcurrentHashMap<>();

  @Process
  void run(Map<String, Object> payload, JobContext job) throws InterruptedException {
    if (Boolean.getBoolean("errand.crash.hang")) {
      Thread.sleep(Long.MAX_VALUE);
    }
    COMPLETIONS.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
  }
}
