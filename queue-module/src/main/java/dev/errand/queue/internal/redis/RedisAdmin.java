package dev.errand.queue.internal.redis;

import dev.errand.core.RedisScript;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobSearch;
import dev.errand.queue.JobState;
import dev.errand.queue.MinuteStats;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueCounts;
import dev.errand.queue.WorkerProcess;
import dev.errand.queue.spi.FinishedStates;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/** The Redis backend's admin reads and actions; each action is one script call on one queue. */
final class RedisAdmin implements QueueAdmin {

  private static final RedisScript COUNT_JOBS = RedisBackend.script("count-jobs");
  private static final RedisScript RETRY_JOBS = RedisBackend.script("retry-jobs");
  private static final RedisScript REMOVE_JOB = RedisBackend.script("remove-job");
  private static final RedisScript PROMOTE_JOB = RedisBackend.script("promote-job");
  private static final RedisScript CANCEL_JOB = RedisBackend.script("cancel-job");
  private static final RedisScript DRAIN_WAITING = RedisBackend.script("drain-waiting");
  private static final RedisScript SET_PAUSED = RedisBackend.script("set-paused");
  private static final RedisScript CLEAN_FINISHED = RedisBackend.script("clean-finished");

  private final Supplier<RedisClusterCommands<String, String>> redis;
  private final Function<String, QueueKeys> keys;
  private final KnownQueues known;
  private final RedisInsight insight;
  private final RedisJobReads reads;

  RedisAdmin(
      Supplier<RedisClusterCommands<String, String>> redis,
      Function<String, QueueKeys> keys,
      KnownQueues known,
      RedisInsight insight,
      RedisJobReads reads) {
    this.insight = insight;
    this.reads = reads;
    this.redis = redis;
    this.keys = keys;
    this.known = known;
  }

  @Override
  public List<String> queues() {
    return known.list();
  }

  @Override
  public QueueCounts counts(String queue) {
    QueueKeys k = keys.apply(queue);
    List<Object> c = COUNT_JOBS.run(redis.get(), ScriptOutputType.MULTI, k.scriptKeys(), k.base());
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
    return Optional.ofNullable(reads.read(queue, List.of(id)).getFirst());
  }

  @Override
  public List<MinuteStats> history(String queue, Instant from, Instant to) {
    return insight.history(queue, from, to);
  }

  @Override
  public List<WorkerProcess> processes() {
    return insight.processes();
  }

  @Override
  public JobSearch search(String queue, String text, JobState state, int limit) {
    return insight.search(queue, text, state, limit, ids -> reads.read(queue, ids));
  }

  @Override
  public List<JobInfo> jobs(String queue, JobState state, int offset, int limit) {
    QueueKeys k = keys.apply(queue);
    List<String> ids =
        state == JobState.WAITING
            ? redis.get().zrange(k.set(state), offset, offset + limit - 1L)
            : redis.get().zrevrange(k.set(state), offset, offset + limit - 1L);
    return reads.read(queue, ids).stream().filter(Objects::nonNull).toList();
  }

  @Override
  public boolean retry(String queue, String id) {
    return run(RETRY_JOBS, queue, id) == 1;
  }

  @Override
  public long retryAll(String queue) {
    // "*": up to a thousand failed or dead jobs a call.
    return repeat(RETRY_JOBS, queue, "*");
  }

  @Override
  public boolean remove(String queue, String id) {
    return run(REMOVE_JOB, queue, id) == 1;
  }

  @Override
  public boolean promote(String queue, String id) {
    return run(PROMOTE_JOB, queue, id) == 1;
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
    return drain(queue, "", ids -> {});
  }

  /**
   * {@link #drain(String)}, a thousand jobs a call, handing {@code drained} each call's deleted ids
   * that start with {@code idPrefix}.
   */
  long drain(String queue, String idPrefix, Consumer<List<String>> drained) {
    QueueKeys k = keys.apply(queue);
    long total = 0;
    long done;
    do {
      List<Object> reply =
          DRAIN_WAITING.run(
              redis.get(), ScriptOutputType.MULTI, k.scriptKeys(), k.scriptArgs(idPrefix));
      done = (Long) reply.get(0);
      total += done;
      if (reply.size() > 1) {
        drained.accept(reply.subList(1, reply.size()).stream().map(String::valueOf).toList());
      }
    } while (done > 0);
    return total;
  }

  @Override
  public void pause(String queue) {
    run(SET_PAUSED, queue, "1");
  }

  @Override
  public void resume(String queue) {
    run(SET_PAUSED, queue, "0");
  }

  @Override
  public boolean cancel(String queue, String id) {
    return run(CANCEL_JOB, queue, id) == 1;
  }

  /**
   * Deletes finished jobs older than {@code olderThanMillis} or beyond {@code keep}; the script
   * takes -1 for the bound not asked for.
   */
  private long deleteFinished(String queue, JobState state, long olderThanMillis, long keep) {
    // The script takes the set by its place among the keys (KEYS[4] to KEYS[6]).
    int set = FinishedStates.check(state).ordinal() + 1;
    return repeat(
        CLEAN_FINISHED,
        queue,
        Integer.toString(set),
        Long.toString(olderThanMillis),
        Long.toString(keep));
  }

  /** One call of an admin script that answers a count, or 1 or 0. */
  private long run(RedisScript script, String queue, String... args) {
    QueueKeys k = keys.apply(queue);
    Long result =
        script.run(redis.get(), ScriptOutputType.INTEGER, k.scriptKeys(), k.scriptArgs(args));
    return result == null ? 0 : result;
  }

  /** Repeats a script that works on a bounded number of jobs a call until it does nothing more. */
  private long repeat(RedisScript script, String queue, String... args) {
    long total = 0;
    long done;
    do {
      done = run(script, queue, args);
      total += done;
    } while (done > 0);
    return total;
  }
}
