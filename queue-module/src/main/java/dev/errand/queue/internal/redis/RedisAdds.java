package dev.errand.queue.internal.redis;

import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisScript;
import dev.errand.queue.spi.JobDraft;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Redis backend's adds. Adds made at the same moment are merged into one {@code add-jobs.lua}
 * call per queue ({@link AddBatcher}), and every call carries an id of its own: a call sent again
 * after a reconnect, a restart or a failover ({@link AddDelivery}) returns its first run's ids
 * instead of storing its jobs twice.
 */
final class RedisAdds {

  private static final RedisScript ADD_JOBS = RedisBackend.script("add-jobs");

  private final ErrandRedis redis;
  private final Supplier<RedisClusterAsyncCommands<String, String>> async;
  private final Function<String, QueueKeys> keys;
  private final Clock clock;
  private final RedisQueueOptions options;
  private final AddDelivery delivery;
  private final String callPrefix = UUID.randomUUID() + ":";
  private final AtomicLong calls = new AtomicLong();
  private volatile AddBatcher batcher;

  RedisAdds(
      ErrandRedis redis,
      Supplier<RedisClusterAsyncCommands<String, String>> async,
      Function<String, QueueKeys> keys,
      Clock clock,
      RedisQueueOptions options) {
    this.redis = redis;
    this.async = async;
    this.keys = keys;
    this.clock = clock;
    this.options = options;
    this.delivery = new AddDelivery(this::send, options.addRetryWindow(), redis);
  }

  /**
   * Adds and waits for the ids. Failures that pass by themselves are ridden through within {@code
   * JOBS_ADD_RETRY_WINDOW}; what fails after it says so, naming the queue and Redis.
   */
  List<String> add(String queue, List<JobDraft> jobs) {
    try {
      // An untimed wait: the client times out every script call the batcher sends
      // (REDIS_COMMAND_TIMEOUT), and the delivery gives up after its window.
      return addAsync(queue, jobs).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while adding to queue '" + queue + "'", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(
          "Adding to queue '" + queue + "' failed: " + cause.getMessage(), cause);
    }
  }

  CompletableFuture<List<String>> addAsync(String queue, List<JobDraft> jobs) {
    return batcher().add(queue, jobs);
  }

  /**
   * One add call under {@code callId}, once: a second call with the same id returns the first's
   * ids. With replica acknowledgements, the ids come back once enough replicas have the jobs.
   */
  CompletableFuture<List<String>> send(String queue, List<JobDraft> jobs, String callId) {
    QueueKeys k = keys.apply(queue);
    String[] args = AddArgs.write(k.base(), jobs, callId, callMemoryMillis(), clock.millis());
    if (options.replicaAcks() == 0) {
      return ids(ADD_JOBS.runAsync(async.get(), ScriptOutputType.MULTI, k.scriptKeys(), args));
    }
    return ids(
        redis
            .asyncCommandsFor(k.scriptKeys()[0])
            .thenCompose(
                commands ->
                    ADD_JOBS
                        .<List<Object>>runAsync(
                            commands, ScriptOutputType.MULTI, k.scriptKeys(), args)
                        .thenCompose(
                            ids ->
                                ReplicaAcks.confirm(
                                    commands, options, redis.settings().commandTimeout(), ids))));
  }

  private static CompletableFuture<List<String>> ids(CompletableFuture<List<Object>> reply) {
    return reply.thenApply(
        ids -> {
          List<String> result = new ArrayList<>(ids.size());
          for (Object id : ids) {
            result.add(String.valueOf(id));
          }
          return result;
        });
  }

  /** Fails the adds still waiting to be sent; later adds fail at once. */
  void close() {
    AddBatcher b = batcher;
    if (b != null) {
      b.close();
    }
  }

  /**
   * How long the server remembers an add call's ids: past the time the client may still send it
   * again, so a run repeated after a reconnect is recognised.
   */
  private long callMemoryMillis() {
    return 2 * redis.settings().commandTimeout().toMillis()
        + options.addRetryWindow().toMillis()
        + 5000;
  }

  private AddBatcher batcher() {
    AddBatcher b = batcher;
    if (b == null) {
      synchronized (this) {
        if (batcher == null) {
          batcher = new AddBatcher((queue, jobs) -> delivery.deliver(queue, jobs, nextCallId()));
        }
        b = batcher;
      }
    }
    return b;
  }

  private String nextCallId() {
    return callPrefix + calls.incrementAndGet();
  }
}
