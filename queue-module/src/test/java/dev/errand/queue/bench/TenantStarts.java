package dev.errand.queue.bench;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.errand.queue.Job;
import dev.errand.queue.Process;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The many-queues benchmark's handler, for every tenant's queue: it notes when each sample's job
 * started, which is what the benchmark times.
 */
@Job("tenant-000")
public final class TenantStarts {

  /** The payload: which sample the job is. */
  public record Sample(int k) {}

  /** When each sample's handler started ({@link System#nanoTime()}). */
  @Singleton
  public static final class Started {
    private final Map<Integer, CompletableFuture<Long>> started = new ConcurrentHashMap<>();

    CompletableFuture<Long> of(int k) {
      return started.computeIfAbsent(k, n -> new CompletableFuture<>());
    }
  }

  private final Started started;

  @Inject
  TenantStarts(Started started) {
    this.started = started;
  }

  @Process
  void run(Sample sample) {
    started.of(sample.k()).complete(System.nanoTime());
  }
}
