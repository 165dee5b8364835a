package dev.errand.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.internal.memory.MemoryBackend;
import dev.errand.queue.spi.JobDraft;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A worker on the memory backend under a clock that stands still, as a test's fixed clock does. */
class WorkerShutdownTest {

  private static final String QUEUE = "shutdown";
  private static final Clock STANDING_STILL =
      Clock.fixed(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC);

  private final MemoryBackend backend = new MemoryBackend(STANDING_STILL);
  private final Gate gate = new Gate();
  private final QueueTimers timers = new QueueTimers();
  private final QueueWorker worker = new QueueWorker(context());

  @AfterEach
  void openTheGate() {
    gate.open();
    timers.close();
  }

  @Test
  void shouldStopAsSoonAsTheLastRunningHandlerFinishes() {
    String id = runOneHeldJob();

    CompletableFuture<Void> stopped = stop(Duration.ofMinutes(1));
    assertThat(stopped).as("a handler still runs").isNotDone();
    gate.open();

    await().atMost(Duration.ofSeconds(5)).until(stopped::isDone);
    assertThat(state(id)).isEqualTo(JobState.COMPLETED);
  }

  @Test
  void shouldReturnARunStillGoingAtTheGraceDeadlineThoughTheClockStandsStill() {
    String id = runOneHeldJob();

    CompletableFuture<Void> stopped = stop(Duration.ofMillis(200));

    await().atMost(Duration.ofSeconds(5)).until(stopped::isDone);
    assertThat(state(id)).isEqualTo(JobState.WAITING);
  }

  /** Adds a job and starts the worker; returns the job's id once its handler holds it. */
  private String runOneHeldJob() {
    String id =
        backend.add(QUEUE, List.of(new JobDraft("hold", "\"hi\"", null, null, 0, null))).get(0);
    worker.start();
    await().atMost(Duration.ofSeconds(5)).until(gate::entered);
    return id;
  }

  private CompletableFuture<Void> stop(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    return CompletableFuture.runAsync(
        () -> {
          try {
            worker.awaitStop(deadline);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  private JobState state(String id) {
    return backend.admin().job(QUEUE, id).map(JobInfo::state).orElseThrow();
  }

  private WorkerContext context() {
    ObjectMapper mapper = new ObjectMapper();
    JobHandler handler = TestWorkers.stringHandler(QUEUE, "hold", gate);
    return new WorkerContext(
        QUEUE,
        new HandlerTable(QUEUE, Map.of("hold", handler)),
        backend,
        TestWorkers.config(1),
        mapper,
        new BackoffCalculator(Map.of()),
        STANDING_STILL,
        new EventHub(),
        new QueueMetricsRecorder(QUEUE, STANDING_STILL),
        timers,
        new Interceptors());
  }

  /** A handler that holds its run until the test opens the gate. */
  public static final class Gate {

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch open = new CountDownLatch(1);

    public String hold(String payload) throws InterruptedException {
      entered.countDown();
      if (!open.await(1, TimeUnit.MINUTES)) {
        throw new IllegalStateException("The test never opened the gate");
      }
      return payload;
    }

    boolean entered() {
      return entered.getCount() == 0;
    }

    void open() {
      open.countDown();
    }
  }
}
