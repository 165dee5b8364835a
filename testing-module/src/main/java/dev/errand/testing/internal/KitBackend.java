package dev.errand.testing.internal;

import dev.errand.queue.QueueAdmin;
import dev.errand.queue.RateLimit;
import dev.errand.queue.WorkerProcess;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.EventSink;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.QueueBackend;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The backend the kit hands the application's queue adapter: the real memory backend, plus what the
 * kit needs to know and decide.
 *
 * <ul>
 *   <li>It remembers each job's run time as added, which the stored job no longer says, so a test
 *       can assert a delay.
 *   <li>Unless the test runs workers, it hides every job from them: jobs then wait for {@code
 *       drain()} even when the application's own settings started workers. The kit itself leases
 *       and acknowledges through {@link #memory()}, around this gate.
 * </ul>
 */
public final class KitBackend implements QueueBackend {

  private final QueueBackend memory;
  private final boolean workersRun;
  private final Set<String> queues = new CopyOnWriteArraySet<>();
  private final Map<String, Instant> runAts = new ConcurrentHashMap<>();
  private final CountDownLatch closed = new CountDownLatch(1);

  public KitBackend(QueueBackend memory, boolean workersRun) {
    this.memory = memory;
    this.workersRun = workersRun;
  }

  /** The backend itself, for the kit's own leases. */
  public QueueBackend memory() {
    return memory;
  }

  /** Every queue a job was added to, in the order of their first add. */
  public List<String> queues() {
    return List.copyOf(queues);
  }

  /** When the job was added to run, if its add gave a delay or a time. */
  public Optional<Instant> runAt(String queue, String id) {
    return Optional.ofNullable(runAts.get(queue + '\n' + id));
  }

  /** A test sees each queue as one, in one order, even when the application shards it. */
  @Override
  public boolean allowsSharding() {
    return false;
  }

  @Override
  public List<String> add(String queue, List<JobDraft> jobs) {
    List<String> ids = memory.add(queue, jobs);
    queues.add(queue);
    for (int i = 0; i < ids.size(); i++) {
      Instant runAt = jobs.get(i).runAt();
      if (runAt != null) {
        // An idempotent add that found its job keeps the first add's time, as the store does.
        runAts.putIfAbsent(queue + '\n' + ids.get(i), runAt);
      }
    }
    return ids;
  }

  /**
   * Jobs added in the application's transaction are enqueued at once: a test sees them without a
   * relay, and a rollback does not take them back (test that against a real backend).
   */
  @Override
  public List<String> add(Connection connection, String queue, List<JobDraft> jobs) {
    return add(queue, jobs);
  }

  @Override
  public Fetched fetch(String queue, Lease lease, int max) {
    return workersRun ? memory.fetch(queue, lease, max) : new Fetched(List.of(), null);
  }

  @Override
  public void awaitJobs(String queue, Duration timeout) throws InterruptedException {
    if (workersRun) {
      memory.awaitJobs(queue, timeout);
    } else {
      // Nothing ever becomes visible to a worker here; a closing backend lets it go.
      closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public Set<String> renew(String queue, String token, Collection<String> ids, Duration lease) {
    return memory.renew(queue, token, ids, lease);
  }

  @Override
  public Set<String> acknowledge(String queue, String token, List<Ack> acks) {
    Set<String> refused = memory.acknowledge(queue, token, acks);
    for (Ack ack : acks) {
      // A job put back for later waits until a new time: the one its assertions must show.
      Instant runAt =
          switch (ack) {
            case Ack.Snooze snooze -> snooze.runAt();
            case Ack.Retry retry -> retry.runAt();
            default -> null;
          };
      if (runAt != null && !refused.contains(ack.id())) {
        runAts.put(queue + '\n' + ack.id(), runAt);
      }
    }
    return refused;
  }

  @Override
  public void release(String queue, String token, Collection<String> ids) {
    memory.release(queue, token, ids);
  }

  @Override
  public void progress(String queue, String token, String id, String progressJson) {
    memory.progress(queue, token, id, progressJson);
  }

  @Override
  public void log(String queue, String id, String line) {
    memory.log(queue, id, line);
  }

  @Override
  public void rateLimits(String queue, RateLimit perQueue, RateLimit perGroup) {
    memory.rateLimits(queue, perQueue, perGroup);
  }

  @Override
  public AutoCloseable subscribe(String queue, EventSink sink) {
    return memory.subscribe(queue, sink);
  }

  @Override
  public AutoCloseable onCancel(String queue, Consumer<String> ids) {
    return memory.onCancel(queue, ids);
  }

  @Override
  public QueueAdmin admin() {
    return memory.admin();
  }

  @Override
  public long drain(String queue, String idPrefix, Consumer<List<String>> drained) {
    return memory.drain(queue, idPrefix, drained);
  }

  @Override
  public void close() {
    closed.countDown();
    memory.close();
  }

  @Override
  public void heartbeat(WorkerProcess process, Duration lease) {
    memory.heartbeat(process, lease);
  }

  @Override
  public void endHeartbeat(String processId) {
    memory.endHeartbeat(processId);
  }

  @Override
  public void historyRetention(Duration retention) {
    memory.historyRetention(retention);
  }
}
