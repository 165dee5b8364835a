package dev.errand.tck.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.testsupport.RedisServerProcess;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Adds made while Redis restarts wait and succeed (JOBS_ADD_RETRY_WINDOW), exactly once: a call the
 * client sends again after the restart is recognised by its call id. The server keeps its data
 * across the restart (append-only file, synced at every write), so every job can be counted.
 */
class RedisRestartDuringAddsTest {

  private static final int THREADS = 4;
  private static final int PER_THREAD = 300;

  @Test
  void shouldFailNoAddAndStoreNoJobTwiceWhileRedisRestarts() throws Exception {
    try (RedisServerProcess server =
        RedisServerProcess.start("--appendonly", "yes", "--appendfsync", "always")) {
      Settings settings =
          Settings.of(
              Map.of(
                  "JOBS_BACKEND", "redis",
                  "JOBS_ENABLED", "false",
                  "REDIS_URL", server.url(),
                  "REDIS_COMMAND_TIMEOUT", "2s",
                  "JOBS_ADD_RETRY_WINDOW", "20s"));
      ErrandApp app = TestRedis.startApp(settings);
      try {
        QueueService queue = app.get(QueueService.class);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger added = new AtomicInteger();
        CountDownLatch halfway = new CountDownLatch(THREADS * PER_THREAD / 3);
        ExecutorService producers = Executors.newFixedThreadPool(THREADS);
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          producers.submit(
              () -> {
                for (int i = 0; i < PER_THREAD; i++) {
                  try {
                    queue.add("contract", "work", Map.of("n", thread * PER_THREAD + i));
                    added.incrementAndGet();
                  } catch (RuntimeException e) {
                    failures.add(e);
                  }
                  halfway.countDown();
                }
              });
        }
        halfway.await(30, TimeUnit.SECONDS);
        server.restart();
        producers.shutdown();
        assertThat(producers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(failures).as("add calls that threw").isEmpty();
        assertThat(added.get()).isEqualTo(THREADS * PER_THREAD);
        QueueAdmin admin = app.get(QueueAdmin.class);
        assertThat(admin.counts("contract").waiting()).isEqualTo(THREADS * PER_THREAD);
        assertThat(storedNumbers(admin)).hasSize(THREADS * PER_THREAD);
      } finally {
        app.stop();
      }
    }
  }

  @Test
  void shouldNameRedisAndWhatToCheckWhenItStaysAwayPastTheWindow() {
    try (RedisServerProcess server = RedisServerProcess.start()) {
      Settings settings =
          Settings.of(
              Map.of(
                  "JOBS_BACKEND", "redis",
                  "JOBS_ENABLED", "false",
                  "REDIS_URL", "redis://:hidden@127.0.0.1:" + server.port(),
                  "REDIS_COMMAND_TIMEOUT", "1s",
                  "JOBS_ADD_RETRY_WINDOW", "300ms"));
      ErrandApp app = TestRedis.startApp(settings);
      try {
        QueueService queue = app.get(QueueService.class);
        queue.add("contract", "work", Map.of("n", 0));
        server.stop();

        assertThatThrownBy(() -> queue.add("contract", "work", Map.of("n", 1)))
            .hasMessageContaining("Adding to queue 'contract' failed")
            .hasMessageContaining("redis://:***@127.0.0.1:" + server.port())
            .hasMessageContaining("JOBS_ADD_RETRY_WINDOW (300 ms)")
            .hasMessageContaining("REDIS_URL")
            .hasMessageNotContaining("hidden");
      } finally {
        app.stop();
      }
    }
  }

  /** The distinct payload numbers of the waiting jobs: a job stored twice would repeat one. */
  private static Set<Integer> storedNumbers(QueueAdmin admin) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Set<Integer> numbers = new HashSet<>();
    List<JobInfo> page;
    int offset = 0;
    do {
      page = new ArrayList<>(admin.jobs("contract", JobState.WAITING, offset, 500));
      for (JobInfo job : page) {
        JsonNode payload = json.readTree(job.payload());
        numbers.add(payload.get("n").asInt());
      }
      offset += page.size();
    } while (!page.isEmpty());
    return numbers;
  }
}
