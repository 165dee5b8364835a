package dev.errand.queue.internal.redis;

import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * Which Redis failures pass by themselves while a server restarts or a replica takes over: a lost
 * or refused connection, a timeout, a server still loading its data, a replica that does not take
 * writes yet, a cluster that is re-electing or moved the slot.
 */
final class TransientFailures {

  private static final List<String> TRANSIENT_REPLIES =
      List.of("LOADING", "READONLY", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN", "MOVED", "ASK");

  private TransientFailures() {}

  static boolean isTransient(Throwable failure) {
    for (Throwable t = unwrap(failure); t != null; t = t.getCause()) {
      if (t instanceof RedisConnectionException
          || t instanceof RedisCommandTimeoutException
          || t instanceof RedisLoadingException
          || t instanceof RedisBusyException
          || t instanceof IOException
          || t instanceof ClosedChannelException
          || t instanceof ReplicasBehindException) {
        return true;
      }
      String message = t.getMessage() == null ? "" : t.getMessage();
      if (t instanceof RedisCommandExecutionException
          && TRANSIENT_REPLIES.stream().anyMatch(message::startsWith)) {
        return true;
      }
      // Lettuce fails commands caught in a dropped connection with these plain exceptions.
      if (t instanceof RedisException
          && (message.startsWith("Connection closed")
              || message.startsWith("Connection disconnected")
              || message.contains("Connection reset"))) {
        return true;
      }
    }
    return false;
  }

  static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException c && c.getCause() != null
        ? c.getCause()
        : failure;
  }

  /** Fewer replicas than asked confirmed a write in time (WAIT); the write is on the master. */
  static final class ReplicasBehindException extends RuntimeException {
    ReplicasBehindException(long confirmed, int asked) {
      super(
          "only "
              + confirmed
              + " of the "
              + asked
              + " replica(s) JOBS_REDIS_REPLICA_ACKS asks for confirmed the write in time");
    }
  }
}
