package dev.errand.queue.internal.redis;

import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads jobs as the admin shows them: each job's hash, its logs and, for a delayed job, when it is
 * due. The reads of all the jobs asked for go out together, pipelined, so a page of jobs or of
 * search hits waits for Redis once instead of two or three times a job. Every key of a queue shares
 * its hash tag, so on Redis Cluster they all go to one node.
 */
final class RedisJobReads {

  /** How long a batch may take before it counts as a timeout, as one command would. */
  private static final long TIMEOUT_SECONDS = 30;

  private final Supplier<RedisClusterAsyncCommands<String, String>> async;
  private final Function<String, QueueKeys> keys;

  RedisJobReads(
      Supplier<RedisClusterAsyncCommands<String, String>> async, Function<String, QueueKeys> keys) {
    this.async = async;
    this.keys = keys;
  }

  /** The jobs of {@code ids} in their order, null for a job that does not exist (any longer). */
  List<JobInfo> read(String queue, List<String> ids) {
    QueueKeys k = keys.apply(queue);
    RedisClusterAsyncCommands<String, String> redis = async.get();
    List<RedisFuture<Map<String, String>>> hashes = new ArrayList<>(ids.size());
    List<RedisFuture<List<String>>> logs = new ArrayList<>(ids.size());
    // Asked of every job, as the state is not known before its hash is read: a score lookup costs
    // Redis less than a second round trip costs the caller.
    List<RedisFuture<Double>> dues = new ArrayList<>(ids.size());
    for (String id : ids) {
      hashes.add(redis.hgetall(k.job(id)));
      logs.add(redis.lrange(k.logs(id), 0, -1));
      dues.add(redis.zscore(k.set(JobState.DELAYED), id));
    }
    List<RedisFuture<?>> all = new ArrayList<>(hashes);
    all.addAll(logs);
    all.addAll(dues);
    if (!LettuceFutures.awaitAll(
        TIMEOUT_SECONDS, TimeUnit.SECONDS, all.toArray(RedisFuture[]::new))) {
      throw new RedisCommandTimeoutException(
          "Reading "
              + ids.size()
              + " jobs of queue "
              + queue
              + " took over "
              + TIMEOUT_SECONDS
              + " s");
    }
    List<JobInfo> jobs = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      Map<String, String> hash = hashes.get(i).toCompletableFuture().join();
      jobs.add(
          hash == null || hash.isEmpty()
              ? null
              : info(
                  queue,
                  ids.get(i),
                  hash,
                  logs.get(i).toCompletableFuture().join(),
                  dues.get(i).toCompletableFuture().join()));
    }
    return jobs;
  }

  private static JobInfo info(
      String queue, String id, Map<String, String> hash, List<String> logs, Double due) {
    JobInfo info = StoredJob.info(queue, id, hash, logs);
    return info.state() == JobState.DELAYED && due != null
        ? info.withHistory(Instant.ofEpochMilli(due.longValue()), info.attempts())
        : info;
  }
}
