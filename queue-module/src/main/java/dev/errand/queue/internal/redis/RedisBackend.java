package dev.errand.queue.internal.redis;

import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisScript;
import dev.errand.core.RedisSettings;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.RateLimit;
import dev.errand.queue.WorkerProcess;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.CheckpointStore;
import dev.errand.queue.spi.EventSink;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.queue.spi.SettledOnAcknowledge;
import dev.errand.queue.spi.WorkflowStore;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Jobs in Redis, through the application's shared lettuce client. Every state change is one Lua
 * script call on one queue's keys: adds, fetches and acknowledgements each take one round trip
 * however many jobs they carry. Idle workers wait for a wake-up published on the key prefix's wake
 * channel ({@link RedisWakeups}), heard on the process's one pub/sub connection, instead of polling
 * or holding a blocking connection per queue: a process costs two connections to each Redis node
 * however many queues it consumes.
 *
 * <p>The scripts stamp and expire with the server's clock, so processes on hosts whose clocks
 * disagree still agree on leases; this process's clock only turns run times into delays.
 */
public final class RedisBackend implements QueueBackend {

  private static final RedisScript RECORD_PROGRESS = script("record-progress");
  private static final RedisScript APPEND_LOG = script("append-log");

  private final ErrandRedis redis;
  private final String prefix;
  private final Clock clock;
  private final Map<String, QueueKeys> keys = new ConcurrentHashMap<>();
  private final RedisLimits limits = new RedisLimits();
  private volatile RedisClusterCommands<String, String> commands;
  private volatile RedisClusterAsyncCommands<String, String> asyncCommands;
  private final RedisEvents events;
  private final RedisWakeups wakeups;
  private final RedisAdds adds;
  private final RedisQueueOptions options;
  private final KnownQueues known;
  private final RedisAdmin admin;
  private final RedisInsight insight;
  private final RedisWorkflowStore workflows;
  private final RedisCheckpoints checkpoints;
  private final RedisRoundTrips trips;

  /** A backend under {@code prefix} with the default {@link RedisQueueOptions}. */
  public RedisBackend(ErrandRedis redis, String prefix, Clock clock) {
    this(redis, prefix, clock, RedisQueueOptions.defaults());
  }

  public RedisBackend(ErrandRedis redis, String prefix, Clock clock, RedisQueueOptions options) {
    this.redis = redis;
    this.options = options;
    this.events = new RedisEvents(redis);
    this.wakeups = new RedisWakeups(events, QueueKeys.wakeChannel(prefix));
    this.adds = new RedisAdds(redis, this::async, this::keys, clock, options);
    this.prefix = prefix;
    this.clock = clock;
    this.known = new KnownQueues(prefix, this::async, this::redis);
    this.insight = new RedisInsight(prefix, this::redis, this::async, this::keys);
    this.admin =
        new RedisAdmin(
            this::redis, this::keys, known, insight, new RedisJobReads(this::async, this::keys));
    this.workflows = new RedisWorkflowStore(redis, prefix);
    this.checkpoints = new RedisCheckpoints(redis, prefix);
    this.trips =
        new RedisRoundTrips(
            redis,
            this::redis,
            this::async,
            this::keys,
            limits,
            insight::historyMillis,
            options,
            clock);
  }

  @Override
  public CheckpointStore checkpoints() {
    return checkpoints;
  }

  @Override
  public WorkflowStore workflowStore() {
    return workflows;
  }

  /**
   * On one server (or behind Sentinel) the acknowledge script settles workflow steps itself: it may
   * touch a workflow's keys beside the queue's. On a cluster they live in other slots, so it does
   * not, and the worker settles each step in a call of its own before the acknowledgement.
   */
  @Override
  public boolean settleStepsOnAcknowledge(Consumer<SettledOnAcknowledge> settled) {
    if (redis.mode() == RedisSettings.Mode.CLUSTER) {
      return false;
    }
    trips.settleSteps(prefix, settled);
    return true;
  }

  /** A queue script, {@code name.lua} in this package, with its includes expanded. */
  static RedisScript script(String name) {
    return RedisScript.load(RedisBackend.class, name);
  }

  private RedisClusterCommands<String, String> redis() {
    RedisClusterCommands<String, String> c = commands;
    if (c == null) {
      c = redis.commands();
      commands = c;
    }
    return c;
  }

  private RedisClusterAsyncCommands<String, String> async() {
    RedisClusterAsyncCommands<String, String> c = asyncCommands;
    if (c == null) {
      c = redis.asyncCommands();
      asyncCommands = c;
    }
    return c;
  }

  private QueueKeys keys(String queue) {
    return keys.computeIfAbsent(queue, q -> new QueueKeys(prefix, q));
  }

  @Override
  public List<String> add(String queue, List<JobDraft> jobs) {
    known.added(queue);
    List<String> ids = adds.add(queue, jobs);
    wakeLocalWorker(queue, jobs);
    return ids;
  }

  @Override
  public CompletableFuture<List<String>> addAsync(String queue, List<JobDraft> jobs) {
    known.added(queue);
    return adds.addAsync(queue, jobs)
        .thenApply(
            ids -> {
              wakeLocalWorker(queue, jobs);
              return ids;
            });
  }

  /**
   * Wakes this process's idle worker of {@code queue} as soon as jobs it can run now are stored,
   * without waiting for the wake-up to come back through the pub/sub connection; workers elsewhere
   * still hear that one. A worker that was not idle forgets it at its next fetch.
   */
  private void wakeLocalWorker(String queue, List<JobDraft> jobs) {
    long now = clock.millis();
    if (jobs.stream().anyMatch(job -> job.dueBy(now))) {
      wakeups.wakeLocal(keys(queue).base());
    }
  }

  /** One add call under {@code callId}: a second call with the same id returns the first's ids. */
  CompletableFuture<List<String>> send(String queue, List<JobDraft> jobs, String callId) {
    return adds.send(queue, jobs, callId);
  }

  /**
   * The fetch of a worker that waits for a wake-up when it gets less than {@code max}: it registers
   * the worker as idle in the same call, after subscribing to the wake channel, and forgets earlier
   * wake-ups, which this fetch answers.
   */
  @Override
  public Fetched fetch(String queue, Lease lease, int max) {
    QueueKeys k = keys(queue);
    wakeups.listen();
    wakeups.clear(k.base());
    return FetchReply.await(
        trips.acknowledgeAndFetch(queue, lease, List.of(), max, RedisWakeups.IDLE_TTL),
        "fetching from queue '" + queue + "'");
  }

  @Override
  public CompletableFuture<Fetched> acknowledgeAndFetch(
      String queue, Lease lease, List<Ack> acks, int max) {
    return trips.acknowledgeAndFetch(queue, lease, acks, max, null);
  }

  @Override
  public Set<String> acknowledge(String queue, String token, List<Ack> acks) {
    return trips.acknowledge(queue, token, acks);
  }

  @Override
  public void awaitJobs(String queue, Duration timeout) throws InterruptedException {
    wakeups.await(keys(queue).base(), timeout);
  }

  @Override
  public Set<String> renew(String queue, String token, Collection<String> ids, Duration lease) {
    return trips.renew(queue, token, ids, lease);
  }

  @Override
  public void release(String queue, String token, Collection<String> ids) {
    trips.release(queue, token, ids);
  }

  @Override
  public void progress(String queue, String token, String id, String progressJson) {
    QueueKeys k = keys(queue);
    RECORD_PROGRESS.run(
        redis(), ScriptOutputType.INTEGER, k.scriptKeys(), k.scriptArgs(token, id, progressJson));
  }

  @Override
  public void log(String queue, String id, String line) {
    QueueKeys k = keys(queue);
    APPEND_LOG.run(redis(), ScriptOutputType.INTEGER, k.scriptKeys(), k.scriptArgs(id, line));
  }

  @Override
  public void rateLimits(String queue, RateLimit perQueue, RateLimit perGroup) {
    limits.rateLimits(queue, perQueue, perGroup);
  }

  @Override
  public void concurrencyCaps(String queue, int maxRunning, int groupMaxRunning) {
    limits.caps(queue, maxRunning, groupMaxRunning);
  }

  @Override
  public AutoCloseable subscribe(String queue, EventSink sink) {
    QueueKeys k = keys(queue);
    return events.listen(k.events(), k.listening(), m -> events.parse(queue, m, sink::accept));
  }

  @Override
  public AutoCloseable onCancel(String queue, Consumer<String> ids) {
    // Cancellations are published whether anyone listens or not: no listening key.
    return events.listen(keys(queue).cancels(), null, ids);
  }

  @Override
  public long drain(String queue, String idPrefix, Consumer<List<String>> drained) {
    return admin.drain(queue, idPrefix, drained);
  }

  @Override
  public QueueAdmin admin() {
    return admin;
  }

  @Override
  public void heartbeat(WorkerProcess process, Duration lease) {
    insight.heartbeat(process, lease);
  }

  @Override
  public void endHeartbeat(String processId) {
    insight.endHeartbeat(processId);
  }

  @Override
  public void historyRetention(Duration retention) {
    insight.historyRetention(retention);
  }

  /**
   * Forgets the subscriptions; the application's Redis client closes the connection as it stops.
   */
  @Override
  public void close() {
    events.close();
    adds.close();
  }
}
