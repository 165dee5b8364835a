package dev.errand.tck.redis;

import static org.awaitility.Awaitility.await;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.Process;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueService;
import dev.errand.queue.QueueSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A busy queue for failover tests: producers add jobs while a test kills Redis servers, and a
 * worker in the same application runs them. It tells which adds were acknowledged and which of
 * those jobs ran.
 */
final class FailoverLoad implements AutoCloseable {

  /** The jobs that ran, by id. */
  @Singleton
  static final class Ran {
    final Set<String> ids = ConcurrentHashMap.newKeySet();
  }

  @Job("failover")
  static final class Worker {
    @Inject Ran ran;

    @Process
    void run(Map<String, Object> payload, JobContext job) throws InterruptedException {
      Thread.sleep(2);
      ran.ids.add(job.id());
    }
  }

  final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  final AtomicInteger failedAdds = new AtomicInteger();
  private final ErrandApp app;

  FailoverLoad(String url, String prefix, Map<String, String> extra) {
    Map<String, String> values = new HashMap<>();
    values.put("JOBS_BACKEND", "redis");
    values.put("REDIS_URL", url);
    values.put("JOBS_KEY_PREFIX", prefix);
    values.put("REDIS_COMMAND_TIMEOUT", "2s");
    values.put("JOBS_ADD_RETRY_WINDOW", "30s");
    values.put("JOBS_LEASE_DURATION", "2s");
    values.put("JOBS_STALLED_INTERVAL", "200ms");
    values.put("JOBS_QUEUE_FAILOVER_CONCURRENCY", "8");
    values.putAll(extra);
    Settings settings = Settings.of(values);
    app =
        ErrandApp.builder()
            .settings(settings)
            .adapters(new QueueAdapter(QueueSettings.from(settings)).withClasses(Worker.class))
            .shutdownHook(false)
            .start();
  }

  /**
   * Adds {@code total} jobs from two threads, calling {@code midway} (the kill) once a third of
   * them are acknowledged, and returns when every add has returned or thrown.
   */
  void addWhile(int total, Runnable midway) throws InterruptedException {
    QueueService queue = app.get(QueueService.class);
    CountDownLatch third = new CountDownLatch(total / 3);
    ExecutorService producers = Executors.newFixedThreadPool(2);
    AtomicInteger next = new AtomicInteger();
    for (int t = 0; t < 2; t++) {
      producers.submit(
          () -> {
            int n;
            while ((n = next.getAndIncrement()) < total) {
              try {
                acknowledged.add(queue.add("failover", "work", Map.of("n", n)));
              } catch (RuntimeException e) {
                failedAdds.incrementAndGet();
              }
              third.countDown();
            }
          });
    }
    if (!third.await(60, TimeUnit.SECONDS)) {
      producers.shutdownNow();
      throw new AssertionError(
          "Adds stalled before anything was killed: "
              + acknowledged.size()
              + " of "
              + total
              + " returned in 60 s");
    }
    midway.run();
    producers.shutdown();
    producers.awaitTermination(120, TimeUnit.SECONDS);
  }

  /** Waits until every acknowledged job ran, up to {@code limit}. */
  void awaitAllRan(Duration limit) {
    Ran ran = app.get(Ran.class);
    await().atMost(limit).until(() -> ran.ids.containsAll(acknowledged));
  }

  /** The acknowledged jobs that have not run once progress has stopped for a few seconds. */
  int lostAfterSettling() {
    Ran ran = app.get(Ran.class);
    AtomicInteger last = new AtomicInteger(-1);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(3))
        .until(
            () ->
                ran.ids.containsAll(acknowledged)
                    || last.getAndSet(ran.ids.size()) == ran.ids.size());
    int lost = 0;
    for (String id : acknowledged) {
      if (!ran.ids.contains(id)) {
        lost++;
      }
    }
    return lost;
  }

  @Override
  public void close() {
    app.stop();
  }
}
