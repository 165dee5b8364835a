package dev.errand.queue.internal.redis;

import java.time.Duration;

/**
 * How the Redis backend rides through failures.
 *
 * @param replicaAcks how many replicas must confirm an add or an acknowledgement (WAIT) before it
 *     counts ({@code JOBS_REDIS_REPLICA_ACKS}, 0 for none)
 * @param addRetryWindow how long an add is sent again while Redis restarts or fails over ({@code
 *     JOBS_ADD_RETRY_WINDOW})
 */
public record RedisQueueOptions(int replicaAcks, Duration addRetryWindow) {

  /** No replica acknowledgements; adds ride through five seconds of failures. */
  public static RedisQueueOptions defaults() {
    return new RedisQueueOptions(0, Duration.ofSeconds(5));
  }

  /** How long one WAIT may take: within the command timeout, with room for the write before it. */
  Duration waitTimeout(Duration commandTimeout) {
    return commandTimeout.dividedBy(2);
  }
}
