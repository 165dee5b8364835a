package dev.errand.queue.internal.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * WAIT after a write, on the connection that sent it, so that it counts that write: the reply
 * passes once enough replicas have it, else it fails as a failure that passes (a replica that
 * catches up, or a failover that ends), which an add rides through by sending itself again.
 */
final class ReplicaAcks {

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
}
