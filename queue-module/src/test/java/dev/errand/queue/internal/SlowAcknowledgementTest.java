package dev.errand.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisSettings;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.internal.redis.RedisBackend;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.testsupport.TestServers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker on Redis keeps every job it leased under lease until the job's outcome is acknowledged,
 * however long an acknowledgement takes (a workflow step's settling, a slow round trip): otherwise
 * stall recovery hands the job to another worker, and it runs twice. Another worker's fetches,
 * which recover every expired lease, look on for five lease durations.
 */
class SlowAcknowledgementTest {

  private static final String QUEUE = "slow-ack";
  private static final Duration LEASE = Duration.ofMillis(300);

  private final ErrandRedis redis = new ErrandRedis(RedisSettings.of(TestServers.redisUrl()));
  private final RedisBackend stored =
      new RedisBackend(redis, TestServers.unique("errand-slow-ack"), Clock.systemUTC());
  private final SlowAcks backend = new SlowAcks(stored);
  private final Handler handler = new Handler();
  private final QueueTimers timers = new QueueTimers();
  private QueueWorker worker;

  @AfterEach
  void close() throws InterruptedException {
    backend.ackLands.countDown();
    handler.gate.countDown();
    if (worker != null) {
      worker.awaitStop(System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
    }
    timers.close();
    stored.close();
    redis.close();
  }

  @Test
  void shouldKeepAFinishedJobLeasedUntilItsSlowAcknowledgementLands() {
    String id = add("once");
    start(1);
    await().atMost(Duration.ofSeconds(5)).until(() -> backend.calls.get() == 1);

    assertNoOtherWorkerGetsAJob();
    backend.ackLands.countDown();

    awaitCompleted(id);
    assertThat(handler.runs).containsExactly(Map.entry("once", 1));
  }

  @Test
  void shouldKeepJobsARoundTripLeasedWhileTheNextAcknowledgementHoldsTheWorker() {
    // The first round trip acknowledges 'first' and leases 'third'; its reply comes back while
    // the second, which acknowledges 'gated', is still being sent, as a workflow step's settling
    // holds it: 'third' is leased to this worker but not started yet.
    backend.overlap = true;
    add("first");
    add("gated");
    String third = add("third");
    start(2);
    await().atMost(Duration.ofSeconds(5)).until(() -> backend.calls.get() == 1);
    handler.gate.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> backend.calls.get() == 2);

    assertNoOtherWorkerGetsAJob();
    backend.ackLands.countDown();

    awaitCompleted(third);
    assertThat(handler.runs)
        .containsExactlyInAnyOrderEntriesOf(Map.of("first", 1, "gated", 1, "third", 1));
  }

  @Test
  void shouldStartJobsAddedWhileAnAcknowledgementIsHeldBack() {
    // A workflow step's acknowledgement waits until its workflow has recorded the outcome, and
    // that outcome releases its dependents meanwhile: the worker's free slot must be there to
    // start them, not tied to the held-back round trip's refill. The fetcher waits for a signal
    // only (no idle looks), so the slot is free when the acknowledgement goes out.
    backend.holdsBack = true;
    add("gated");
    start(2);
    await().atMost(Duration.ofSeconds(5)).until(() -> backend.fetcherWaiting);
    handler.gate.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> backend.calls.get() == 1);

    String second = add("second");
    await("a job added while the acknowledgement is held back starts")
        .atMost(Duration.ofSeconds(5))
        .until(() -> handler.runs.containsKey("second"));
    backend.ackLands.countDown();

    awaitCompleted(second);
  }

  private void assertNoOtherWorkerGetsAJob() {
    Lease other = new Lease("other-worker", Duration.ofSeconds(30), 5);
    List<String> taken = new CopyOnWriteArrayList<>();
    // Once the other worker has taken a job the condition stays false, so the wait fails.
    await("no other worker leases a job for five lease durations")
        .during(LEASE.multipliedBy(5))
        .atMost(LEASE.multipliedBy(5).plusSeconds(3))
        .until(
            () -> {
              stored.fetch(QUEUE, other, 1).jobs().forEach(job -> taken.add(job.id()));
              return taken.isEmpty();
            });
  }

  private String add(String payload) {
    String json = "\"" + payload + "\"";
    return stored.add(QUEUE, List.of(new JobDraft("run", json, null, null, 0, null))).get(0);
  }

  private void awaitCompleted(String id) {
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> stored.admin().job(QUEUE, id).map(JobInfo::state).orElseThrow(),
            JobState.COMPLETED::equals);
  }

  /**
   * The backend, with acknowledgements held back until the test lets them land: the first one
   * alone, or (with {@link #overlap}) the second, sent in line while the first one's reply comes
   * back; with {@link #holdsBack} it says so, as the workflow layer does.
   */
  private static final class SlowAcks extends ForwardingBackend {

    final CountDownLatch ackLands = new CountDownLatch(1);
    final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch secondSent = new CountDownLatch(1);
    volatile boolean overlap;
    volatile boolean holdsBack;

    SlowAcks(QueueBackend next) {
      super(next);
    }

    @Override
    public boolean holdsBackAcknowledgement(List<Ack> acks) {
      return holdsBack;
    }

    volatile boolean fetcherWaiting;

    /** With {@link #holdsBack}, waits for the backend's signal of new jobs only. */
    @Override
    public void awaitJobs(String queue, Duration timeout) throws InterruptedException {
      fetcherWaiting = true;
      try {
        next.awaitJobs(queue, holdsBack ? Duration.ofSeconds(30) : timeout);
      } finally {
        fetcherWaiting = false;
      }
    }

    @Override
    public CompletableFuture<Fetched> acknowledgeAndFetch(
        String queue, Lease lease, List<Ack> acks, int max) {
      int call = calls.incrementAndGet();
      if (!overlap && call == 1) {
        return CompletableFuture.runAsync(() -> awaitQuietly(ackLands))
            .thenCompose(v -> next.acknowledgeAndFetch(queue, lease, acks, max));
      }
      if (overlap && call == 1) {
        return next.acknowledgeAndFetch(queue, lease, acks, max)
            .thenCombine(
                CompletableFuture.runAsync(() -> awaitQuietly(secondSent)),
                (fetched, v) -> fetched);
      }
      if (overlap && call == 2) {
        secondSent.countDown();
        awaitQuietly(ackLands);
      }
      return next.acknowledgeAndFetch(queue, lease, acks, max);
    }

    private static void awaitQuietly(CountDownLatch latch) {
      try {
        latch.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void start(int concurrency) {
    ObjectMapper mapper = new ObjectMapper();
    JobHandler run = TestWorkers.stringHandler(QUEUE, "run", handler);
    WorkerConfig config =
        new WorkerConfig(
            TestWorkers.config(concurrency).defaults(),
            0,
            LEASE,
            5,
            Duration.ofMillis(100),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            OutcomeLog.FAILURES);
    worker =
        new QueueWorker(
            new WorkerContext(
                QUEUE,
                new HandlerTable(QUEUE, Map.of("run", run)),
                backend,
                config,
                mapper,
                new BackoffCalculator(Map.of()),
                Clock.systemUTC(),
                new EventHub(),
                new QueueMetricsRecorder(QUEUE, Clock.systemUTC()),
                timers,
                new Interceptors()));
    worker.start();
  }

  /** Counts its runs by payload; the payload "gated" waits until the test opens the gate. */
  public static final class Handler {

    final Map<String, Integer> runs = new ConcurrentHashMap<>();
    final CountDownLatch gate = new CountDownLatch(1);

    public String run(String payload) throws InterruptedException {
      if (payload.equals("gated")) {
        gate.await(30, TimeUnit.SECONDS);
      }
      runs.merge(payload, 1, Integer::sum);
      return payload;
    }
  }
}
