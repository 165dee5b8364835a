package dev.errand.queue.internal.redis;

import dev.errand.core.RedisScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WAIT after a write, on the connection that sent it, so that it counts that write: the reply
 * passes once enough replicas have it, else it fails as a failure that passes (a replica that
 * catches up, or a failover that ends), which an add rides through by sending itself again.
 */
final class ReplicaAcks {

  private static final Logger log = LoggerFactory.getLogger(ReplicaAcks.class);

  private ReplicaAcks() {}

  static <T> CompletableFuture<T> confirm(
      RedisClusterAsyncCommands<String, String> commands,
      RedisQueueOptions options,
      Duration commandTimeout,
      T reply) {
    long timeout = options.waitTimeout(commandTimeout).toMillis();
    return commands
        .waitForReplication(options.replicaAcks(), timeout)
        .toCompletableFuture()
        .thenApply(
            confirmed -> {
              if (confirmed < options.replicaAcks()) {
                throw new TransientFailures.ReplicasBehindException(
                    confirmed, options.replicaAcks());
              }
              return reply;
            });
  }

  /**
   * {@link #confirm} for acknowledgements: outcomes are recorded on the master either way, and a
   * replica behind only risks running a finished job again after a failover, which at-least-once
   * delivery allows. So a short confirmation is logged and the reply passes, rather than the worker
   * acknowledging again (the second run would be refused as not held).
   */
  static <T> CompletableFuture<T> orWarn(
      RedisClusterAsyncCommands<String, String> commands,
      RedisQueueOptions options,
      Duration commandTimeout,
      T reply,
      String queue) {
    return confirm(commands, options, commandTimeout, reply)
        .exceptionally(
            e -> {
              log.warn(
                  "Acknowledgements of queue '{}' not confirmed by replicas: {}",
                  queue,
                  TransientFailures.unwrap(e).getMessage());
              return reply;
            });
  }

  /** {@code script} on {@code commands}, then a WAIT on the same connection ({@link #orWarn}). */
  static CompletableFuture<List<Object>> runConfirmed(
      RedisScript script,
      RedisClusterAsyncCommands<String, String> commands,
      String[] keys,
      String[] args,
      RedisQueueOptions options,
      Duration commandTimeout,
      String queue) {
    return script
        .<List<Object>>runAsync(commands, ScriptOutputType.MULTI, keys, args)
        .thenCompose(r -> orWarn(commands, options, commandTimeout, r, queue));
  }
}
