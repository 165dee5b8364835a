package dev.errand.queue.internal.redis;

import dev.errand.core.ErrandRedis;
import dev.errand.core.Failures;
import dev.errand.queue.spi.JobDraft;
import io.lettuce.core.RedisCommandTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one add call until Redis has it: sent again, under the same call id, while a failure
 * that passes by itself (a restart, a failover) lasts, up to {@code JOBS_ADD_RETRY_WINDOW}. The
 * call id makes a second run return the first run's ids, so an add that reached Redis before the
 * connection dropped is not stored twice. Past the window the error names Redis and what to check.
 */
final class AddDelivery {

  /** A send of one add call under a given call id. */
  interface Send {
    CompletableFuture<List<String>> send(String queue, List<JobDraft> jobs, String callId);
  }

  private static final Logger log = LoggerFactory.getLogger(AddDelivery.class);
  private static final long FIRST_PAUSE_MILLIS = 50;
  private static final long MAX_PAUSE_MILLIS = 1000;

  private final Send send;
  private final Duration window;
  private final ErrandRedis redis;

  AddDelivery(Send send, Duration window, ErrandRedis redis) {
    this.send = send;
    this.window = window;
    this.redis = redis;
  }

  CompletableFuture<List<String>> deliver(String queue, List<JobDraft> jobs, String callId) {
    CompletableFuture<List<String>> result = new CompletableFuture<>();
    attempt(queue, jobs, callId, System.nanoTime() + window.toNanos(), FIRST_PAUSE_MILLIS, result);
    return result;
  }

  private void attempt(
      String queue,
      List<JobDraft> jobs,
      String callId,
      long deadline,
      long pause,
      CompletableFuture<List<String>> result) {
    CompletableFuture<List<String>> call;
    try {
      call = send.send(queue, jobs, callId);
    } catch (RuntimeException e) {
      call = CompletableFuture.failedFuture(e);
    }
    call.whenComplete(
        (ids, error) -> {
          if (error == null) {
            result.complete(ids);
            return;
          }
          Throwable cause = TransientFailures.unwrap(error);
          if (TransientFailures.isTransient(cause)
              && System.nanoTime() + pause * 1_000_000 < deadline) {
            log.debug("Adding to queue '{}' again after: {}", queue, cause.toString());
            Executor later = CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS);
            later.execute(
                () ->
                    attempt(
                        queue,
                        jobs,
                        callId,
                        deadline,
                        Math.min(MAX_PAUSE_MILLIS, pause * 2),
                        result));
            return;
          }
          result.completeExceptionally(failure(queue, cause));
        });
  }

  private RuntimeException failure(String queue, Throwable cause) {
    if (!TransientFailures.isTransient(cause)) {
      return cause instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(
              "Adding to queue '" + queue + "' failed: " + cause.getMessage(), cause);
    }
    String doubt =
        cause instanceof RedisCommandTimeoutException
                || cause instanceof TransientFailures.ReplicasBehindException
            ? " The job may or may not be stored."
            : "";
    return new IllegalStateException(
        "Adding to queue '"
            + queue
            + "' failed: Redis at "
            + redis.settings().redactedUrl()
            + " did not take it within JOBS_ADD_RETRY_WINDOW ("
            + window.toMillis()
            + " ms): "
            + Failures.rootMessage(cause)
            + "."
            + doubt
            + " Check that Redis runs and this host can reach it (REDIS_URL), or widen"
            + " JOBS_ADD_RETRY_WINDOW to ride through longer restarts and failovers",
        cause);
  }
}
