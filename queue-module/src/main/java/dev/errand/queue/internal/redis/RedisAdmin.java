package dev.errand.queue.internal.redis;

import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueCounts;
import dev.errand.queue.internal.FinishedStates;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** The Redis backend's admin reads and actions; each action is one script call on one queue. */
final class RedisAdmin implements QueueAdmin {

  private static final LuaScript RETRY = LuaScript.load("retry");
  private static final LuaScript COUNTS = LuaScript.load("counts");
  private static final LuaScript MANAGE = LuaScript.load("manage");

  private final Supplier<RedisClusterCommands<String, String>> redis;
  private final Function<String, QueueKeys> keys;

  RedisAdmin(
      Supplier<RedisClusterCommands<String, String>> redis, Function<String, QueueKeys> keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public QueueCounts counts(String queue) {
    List<Object> c =
        COUNTS.run(redis.get(), ScriptOutputType.MULTI, keys.apply(queue).scriptKeys());
    return new QueueCounts(
        (Long) c.get(0),
        (Long) c.get(1),
        (Long) c.get(2),
        (Long) c.get(3),
        (Long) c.get(4),
        (Long) c.get(5),
        (Long) c.get(6) == 1);
  }

  @Override
  public Optional<JobInfo> job(String queue, String id) {
    QueueKeys k = keys.apply(queue);
    Map<String, String> hash = redis.get().hgetall(k.job(id));
    if (hash == null || hash.isEmpty()) {
      return Optional.empty();
    }
    List<String> logs = redis.get().lrange(k.logs(id), 0, -1);
    return Optional.of(StoredJob.info(queue, id, hash, logs));
  }

  @Override
  public List<JobInfo> jobs(String queue, JobState state, int offset, int limit) {
    QueueKeys k = keys.apply(queue);
    List<String> ids =
        state == JobState.WAITING
            ? redis.get().zrange(k.set(state), offset, offset + limit - 1L)
            : redis.get().zrevrange(k.set(state), offset, offset + limit - 1L);
    List<JobInfo> result = new ArrayList<>();
    for (String id : ids) {
      job(queue, id).ifPresent(result::add);
    }
    return result;
  }

  @Override
  public boolean retry(String queue, String id) {
    return retryScript(queue, id) == 1;
  }

  /** Retries one failed or dead job ({@code "*"}: up to a thousand of them); how many moved. */
  private long retryScript(String queue, String id) {
    QueueKeys k = keys.apply(queue);
    Long moved = RETRY.run(redis.get(), ScriptOutputType.INTEGER, k.scriptKeys(), k.base(), id);
    return moved == null ? 0 : moved;
  }

  @Override
  public long retryAll(String queue) {
    long total = 0;
    long moved;
    do {
      moved = retryScript(queue, "*");
      total += moved;
    } while (moved > 0);
    return total;
  }

  @Override
  public boolean remove(String queue, String id) {
    return manage(queue, "remove", id) == 1;
  }

  @Override
  public boolean promote(String queue, String id) {
    return manage(queue, "promote", id) == 1;
  }

  @Override
  public long clean(String queue, JobState state, Duration olderThan) {
    return deleteFinished(queue, state, olderThan.toMillis(), -1);
  }

  @Override
  public long trim(String queue, JobState state, long keep) {
    return deleteFinished(queue, state, -1, Math.max(0, keep));
  }

  @Override
  public long drain(String queue) {
    return repeat(queue, "drain");
  }

  @Override
  public void pause(String queue) {
    manage(queue, "pause");
  }

  @Override
  public void resume(String queue) {
    manage(queue, "resume");
  }

  @Override
  public boolean cancel(String queue, String id) {
    return manage(queue, "cancel", id) == 1;
  }

  /**
   * Deletes finished jobs older than {@code olderThanMillis} or beyond {@code keep}; the script
   * takes -1 for the bound not asked for.
   */
  private long deleteFinished(String queue, JobState state, long olderThanMillis, long keep) {
    int set = FinishedStates.check(state).ordinal() + 1;
    return repeat(
        queue, "clean", Integer.toString(set), Long.toString(olderThanMillis), Long.toString(keep));
  }

  /** One {@code manage.lua} action. */
  private long manage(String queue, String... args) {
    QueueKeys k = keys.apply(queue);
    String[] all = new String[args.length + 1];
    all[0] = k.base();
    System.arraycopy(args, 0, all, 1, args.length);
    Long result = MANAGE.run(redis.get(), ScriptOutputType.INTEGER, k.scriptKeys(), all);
    return result == null ? 0 : result;
  }

  /** Repeats a bounded action until it does nothing more. */
  private long repeat(String queue, String... args) {
    long total = 0;
    long done;
    do {
      done = manage(queue, args);
      total += done;
    } while (done > 0);
    return total;
  }
}
