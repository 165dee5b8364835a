package dev.errand.queue.internal.redis;

import dev.errand.core.ErrandRedis;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.RateLimit;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.EventSink;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.QueueBackend;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Jobs in Redis, through the application's shared lettuce client. Every state change is one Lua
 * script call on one queue's keys: adds, fetches and acknowledgements each take one round trip
 * however many jobs they carry. Idle workers block on the queue's marker list (BLPOP) on a
 * connection of their own instead of polling.
 *
 * <p>The scripts stamp and expire with the server's clock, so processes on hosts whose clocks
 * disagree still agree on leases; this process's clock only turns run times into delays.
 */
public final class RedisBackend implements QueueBackend {

  private static final LuaScript ADD = LuaScript.load("add");
  private static final LuaScript CYCLE = LuaScript.load("cycle");
  private static final LuaScript RENEW = LuaScript.load("renew");
  private static final LuaScript RELEASE = LuaScript.load("release");
  private static final LuaScript PROGRESS = LuaScript.load("progress");
  private static final LuaScript LOG = LuaScript.load("log");

  private final ErrandRedis redis;
  private final String prefix;
  private final Clock clock;
  private final Map<String, QueueKeys> keys = new ConcurrentHashMap<>();
  private final Map<String, String> limits = new ConcurrentHashMap<>();
  private final String callPrefix = UUID.randomUUID() + ":";
  private final AtomicLong calls = new AtomicLong();
  private final Map<String, RedisClusterCommands<String, String>> blocking =
      new ConcurrentHashMap<>();
  private volatile RedisClusterCommands<String, String> commands;
  private volatile RedisClusterAsyncCommands<String, String> asyncCommands;
  private volatile AddBatcher batcher;
  private final RedisEvents events;
  private final RedisAdmin admin = new RedisAdmin(this::redis, this::keys);

  /** The cycle script's maxStalled value for a call that only records outcomes. */
  private static final int CYCLE_ACKNOWLEDGE_ONLY = -1;

  public RedisBackend(ErrandRedis redis, String prefix, Clock clock) {
    this.redis = redis;
    this.events = new RedisEvents(redis);
    this.prefix = prefix;
    this.clock = clock;
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
    try {
      // An untimed wait: the client times out every script call the batcher sends
      // (REDIS_COMMAND_TIMEOUT), which is cheaper than a timer for each waiting adder.
      return adds().add(queue, jobs).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while adding to queue '" + queue + "'", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RedisCommandTimeoutException) {
        throw new IllegalStateException(
            "Redis did not confirm the add to queue '"
                + queue
                + "' within REDIS_COMMAND_TIMEOUT; the job may or may not be stored",
            cause);
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(
          "Adding to queue '" + queue + "' failed: " + cause.getMessage(), cause);
    }
  }

  @Override
  public CompletableFuture<List<String>> addAsync(String queue, List<JobDraft> jobs) {
    return adds().add(queue, jobs);
  }

  /**
   * How long the server remembers an add call's ids: past the time the client may still send it
   * again, so a run repeated after a reconnect is recognised.
   */
  private long callMemoryMillis() {
    return 2 * redis.settings().commandTimeout().toMillis() + 5000;
  }

  private AddBatcher adds() {
    AddBatcher b = batcher;
    if (b == null) {
      synchronized (this) {
        if (batcher == null) {
          batcher = new AddBatcher(this::send);
        }
        b = batcher;
      }
    }
    return b;
  }

  /** One add script call carrying every draft, without waiting for the reply. */
  private CompletableFuture<List<String>> send(String queue, List<JobDraft> jobs) {
    return send(queue, jobs, callPrefix + calls.incrementAndGet());
  }

  /** One add call under {@code callId}: a second call with the same id returns the first's ids. */
  CompletableFuture<List<String>> send(String queue, List<JobDraft> jobs, String callId) {
    QueueKeys k = keys(queue);
    String[] args = AddArgs.write(k.base(), jobs, callId, callMemoryMillis(), clock.millis());
    CompletableFuture<List<Object>> reply =
        ADD.runAsync(async(), ScriptOutputType.MULTI, k.scriptKeys(), args);
    return reply.thenApply(
        ids -> {
          List<String> result = new ArrayList<>(ids.size());
          for (Object id : ids) {
            result.add(String.valueOf(id));
          }
          return result;
        });
  }

  @Override
  public Fetched fetch(String queue, Lease lease, int max) {
    try {
      return acknowledgeAndFetch(queue, lease, List.of(), max).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while fetching from queue '" + queue + "'", e);
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  @Override
  public CompletableFuture<Fetched> acknowledgeAndFetch(
      String queue, Lease lease, List<Ack> acks, int max) {
    return cycle(queue, lease.token(), acks, max, lease.duration(), lease.maxStalled());
  }

  @Override
  public Set<String> acknowledge(String queue, String token, List<Ack> acks) {
    if (acks.isEmpty()) {
      return Set.of();
    }
    try {
      // Acknowledging only: the script leaves lease expiry and leasing to the next fetch.
      return cycle(queue, token, acks, 0, Duration.ZERO, CYCLE_ACKNOWLEDGE_ONLY).get().refused();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "Interrupted while acknowledging jobs of queue '" + queue + "'", e);
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  private CompletableFuture<Fetched> cycle(
      String queue, String token, List<Ack> acks, int max, Duration lease, int maxStalled) {
    QueueKeys k = keys(queue);
    Instant now = clock.instant();
    String[] args = cycleArgs(queue, k, token, acks, max, lease, maxStalled, now);
    CompletableFuture<List<Object>> reply =
        CYCLE.runAsync(async(), ScriptOutputType.MULTI, k.scriptKeys(), args);
    return reply.thenApply(r -> CycleReply.parse(queue, r, now));
  }

  private static RuntimeException rethrow(Throwable cause) {
    return cause instanceof RuntimeException runtime
        ? runtime
        : new IllegalStateException(cause.getMessage(), cause);
  }

  private String[] cycleArgs(
      String queue,
      QueueKeys k,
      String token,
      List<Ack> acks,
      int max,
      Duration lease,
      int maxStalled,
      Instant now) {
    List<String> args = new ArrayList<>(6 + acks.size() * 3);
    args.add(k.base());
    args.add(token);
    args.add(limits.getOrDefault(queue, ""));
    args.add(Integer.toString(max));
    args.add(Long.toString(lease.toMillis()));
    args.add(Integer.toString(maxStalled));
    AckArgs.write(acks, args, now.toEpochMilli());
    return args.toArray(String[]::new);
  }

  @Override
  public void awaitJobs(String queue, Duration timeout) {
    if (timeout.toMillis() < 1) {
      return;
    }
    RedisClusterCommands<String, String> connection =
        blocking.computeIfAbsent(queue, q -> redis.newBlockingCommands());
    // Stay well inside the command timeout, which also applies to blocking commands.
    long limit = Math.max(1, redis.settings().commandTimeout().toMillis() / 2);
    double seconds = Math.min(timeout.toMillis(), limit) / 1000.0;
    connection.blpop(seconds, keys(queue).marker());
  }

  @Override
  public Set<String> renew(String queue, String token, Collection<String> ids, Duration lease) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    QueueKeys k = keys(queue);
    List<String> args = new ArrayList<>(ids.size() + 3);
    args.add(k.base());
    args.add(token);
    args.add(Long.toString(lease.toMillis()));
    args.addAll(ids);
    List<Object> lost =
        RENEW.run(redis(), ScriptOutputType.MULTI, k.scriptKeys(), args.toArray(String[]::new));
    return toSet(lost);
  }

  @Override
  public void release(String queue, String token, Collection<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    QueueKeys k = keys(queue);
    List<String> args = new ArrayList<>(ids.size() + 2);
    args.add(k.base());
    args.add(token);
    args.addAll(ids);
    RELEASE.run(redis(), ScriptOutputType.INTEGER, k.scriptKeys(), args.toArray(String[]::new));
  }

  @Override
  public void progress(String queue, String token, String id, String progressJson) {
    QueueKeys k = keys(queue);
    PROGRESS.run(
        redis(), ScriptOutputType.INTEGER, k.scriptKeys(), k.base(), token, id, progressJson);
  }

  @Override
  public void log(String queue, String id, String line) {
    QueueKeys k = keys(queue);
    LOG.run(redis(), ScriptOutputType.INTEGER, k.scriptKeys(), k.base(), id, line);
  }

  @Override
  public void rateLimits(String queue, RateLimit perQueue, RateLimit perGroup) {
    if (perQueue == null && perGroup == null) {
      limits.remove(queue);
      return;
    }
    limits.put(
        queue,
        (perQueue == null ? "0:0" : perQueue.max() + ":" + perQueue.per().toMillis())
            + ":"
            + (perGroup == null ? "0:0" : perGroup.max() + ":" + perGroup.per().toMillis()));
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
  public QueueAdmin admin() {
    return admin;
  }

  /** Forgets the blocking connections; the application's Redis client closes them as it stops. */
  @Override
  public void close() {
    blocking.clear();
    events.close();
    AddBatcher b = batcher;
    if (b != null) {
      b.close();
    }
  }

  /** A stored number; scripts may write large ones in exponent form. */
  static long millis(String stored) {
    return (long) Double.parseDouble(stored);
  }

  private static Set<String> toSet(List<Object> values) {
    if (values.isEmpty()) {
      return Set.of();
    }
    Set<String> set = new HashSet<>();
    for (Object value : values) {
      set.add(String.valueOf(value));
    }
    return set;
  }
}
