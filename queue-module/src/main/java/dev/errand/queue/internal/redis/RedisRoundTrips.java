package dev.errand.queue.internal.redis;

import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisScript;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.Settled;
import dev.errand.queue.spi.SettledOnAcknowledge;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A worker's calls on its leased jobs: acknowledge-and-fetch in its three forms (a fetch, a refill
 * with outcomes, outcomes alone), renewing leases and handing jobs back. With replica
 * acknowledgements configured ({@link RedisQueueOptions#replicaAcks()}), each outcome waits until
 * that many replicas have it.
 */
final class RedisRoundTrips {

  private static final RedisScript ACKNOWLEDGE_AND_FETCH =
      RedisBackend.script("acknowledge-and-fetch");
  private static final RedisScript RENEW_LEASES = RedisBackend.script("renew-leases");
  private static final RedisScript RELEASE_JOBS = RedisBackend.script("release-jobs");

  private final ErrandRedis redis;
  private final Supplier<RedisClusterCommands<String, String>> commands;
  private final Supplier<RedisClusterAsyncCommands<String, String>> async;
  private final Function<String, QueueKeys> keys;
  private final RedisLimits limits;
  private final LongSupplier historyMillis;
  private final RedisQueueOptions options;
  private final Clock clock;

  /** The workflows' key prefix while the script settles steps itself, else "" (see below). */
  private volatile String workflowPrefix = "";

  /** Where what the script settled goes, while it settles steps itself. */
  private volatile Consumer<SettledOnAcknowledge> settledSteps;

  RedisRoundTrips(
      ErrandRedis redis,
      Supplier<RedisClusterCommands<String, String>> commands,
      Supplier<RedisClusterAsyncCommands<String, String>> async,
      Function<String, QueueKeys> keys,
      RedisLimits limits,
      LongSupplier historyMillis,
      RedisQueueOptions options,
      Clock clock) {
    this.redis = redis;
    this.commands = commands;
    this.async = async;
    this.keys = keys;
    this.limits = limits;
    this.historyMillis = historyMillis;
    this.options = options;
    this.clock = clock;
  }

  /**
   * From now on the script settles workflow steps under {@code prefix} as it acknowledges their
   * jobs, and hands what it settled to {@code settled} (see {@code settle-steps.lua}).
   */
  void settleSteps(String prefix, Consumer<SettledOnAcknowledge> settled) {
    this.settledSteps = settled;
    this.workflowPrefix = prefix;
  }

  /**
   * Acknowledges {@code acks} and leases up to {@code max} jobs; with an {@code idleTtl}, the call
   * is the fetch of a worker that waits when it gets less (see {@link AckArgs#fetch}).
   */
  CompletableFuture<Fetched> acknowledgeAndFetch(
      String queue, Lease lease, List<Ack> acks, int max, Duration idleTtl) {
    QueueKeys k = keys.apply(queue);
    Instant now = clock.instant();
    String[] args =
        AckArgs.fetch(
            k,
            lease.token(),
            limits.of(queue),
            max,
            lease.duration().toMillis(),
            lease.maxStalled(),
            idleTtl,
            acks,
            now.toEpochMilli(),
            historyMillis.getAsLong(),
            stepSettling(queue));
    return run(queue, k, args, now);
  }

  /**
   * Where the script settles steps: in the workflows under {@link #workflowPrefix}, once this
   * process offered to, adding the released steps of this queue itself. A shard's name ({@code
   * queue#i/n}) never matches a step's queue, so a sharded queue's steps are added by the worker,
   * which picks their shards.
   */
  private AckArgs.StepSettling stepSettling(String queue) {
    String prefix = workflowPrefix;
    return prefix.isEmpty() ? AckArgs.StepSettling.NONE : new AckArgs.StepSettling(prefix, queue);
  }

  /** Records {@code acks} only; returns the ids refused. */
  Set<String> acknowledge(String queue, String token, List<Ack> acks) {
    if (acks.isEmpty()) {
      return Set.of();
    }
    QueueKeys k = keys.apply(queue);
    Instant now = clock.instant();
    String[] args =
        AckArgs.ackOnly(
            k, token, acks, now.toEpochMilli(), historyMillis.getAsLong(), stepSettling(queue));
    return FetchReply.await(run(queue, k, args, now), "acknowledging jobs of queue '" + queue + "'")
        .refused();
  }

  private CompletableFuture<Fetched> run(String queue, QueueKeys k, String[] args, Instant now) {
    CompletableFuture<List<Object>> reply =
        options.replicaAcks() == 0
            ? ACKNOWLEDGE_AND_FETCH.runAsync(
                async.get(), ScriptOutputType.MULTI, k.scriptKeys(), args)
            : redis
                .asyncCommandsFor(k.scriptKeys()[0])
                .thenCompose(
                    commands ->
                        ReplicaAcks.runConfirmed(
                            ACKNOWLEDGE_AND_FETCH,
                            commands,
                            k.scriptKeys(),
                            args,
                            options,
                            redis.settings().commandTimeout(),
                            queue));
    return reply.thenApply(r -> FetchReply.parse(queue, r, now, this::settled));
  }

  private void settled(String workflowId, Settled settled, String note) {
    Runnable carriedThrough =
        note.isEmpty()
            ? () -> {}
            : () -> commands.get().zrem(workflowPrefix + ":workflows:releasing", note);
    settledSteps.accept(new SettledOnAcknowledge(workflowId, settled, carriedThrough));
  }

  /** Renews the leases {@code token} holds on {@code ids}; returns those it no longer holds. */
  Set<String> renew(String queue, String token, Collection<String> ids, Duration lease) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    QueueKeys k = keys.apply(queue);
    String[] args = k.scriptArgs(ids, token, Long.toString(lease.toMillis()));
    List<Object> lost =
        RENEW_LEASES.run(commands.get(), ScriptOutputType.MULTI, k.scriptKeys(), args);
    return FetchReply.ids(lost);
  }

  /** Puts jobs {@code token} holds back to waiting, their run not counted. */
  void release(String queue, String token, Collection<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    QueueKeys k = keys.apply(queue);
    RELEASE_JOBS.run(
        commands.get(), ScriptOutputType.INTEGER, k.scriptKeys(), k.scriptArgs(ids, token));
  }
}
