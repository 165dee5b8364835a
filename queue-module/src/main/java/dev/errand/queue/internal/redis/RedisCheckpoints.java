package dev.errand.queue.internal.redis;

import dev.errand.core.ErrandRedis;
import dev.errand.queue.spi.CheckpointStore;
import java.time.Duration;
import java.util.Map;

/**
 * Step checkpoints in one hash per job under its queue's hash tag ({@code
 * errand:{queue}:checkpoints:<id>}), beside the job; each write pushes its expiry a week on. Plain
 * commands, no script: a step's result is written once, by the run that holds the job.
 */
final class RedisCheckpoints implements CheckpointStore {

  static final Duration KEEP = Duration.ofDays(7);

  private final ErrandRedis redis;
  private final String prefix;

  RedisCheckpoints(ErrandRedis redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
  }

  private String key(String queue, String jobId) {
    return prefix + ":{" + QueueKeys.hashTag(queue) + "}:checkpoints:" + jobId;
  }

  @Override
  public Map<String, String> load(String queue, String jobId) {
    return redis.commands().hgetall(key(queue, jobId));
  }

  @Override
  public void save(String queue, String jobId, String step, String resultJson) {
    String key = key(queue, jobId);
    redis.commands().hset(key, step, resultJson);
    redis.commands().expire(key, KEEP);
  }
}
