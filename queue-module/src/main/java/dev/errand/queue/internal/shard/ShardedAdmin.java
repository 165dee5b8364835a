package dev.errand.queue.internal.shard;

import dev.errand.queue.JobInfo;
import dev.errand.queue.JobSearch;
import dev.errand.queue.JobState;
import dev.errand.queue.MinuteStats;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueCounts;
import dev.errand.queue.WorkerProcess;
import dev.errand.queue.internal.history.Histories;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The admin of a backend with sharded queues: a call naming a sharded queue reaches every shard
 * (counts and totals add up, lists merge), or, for one job, the shard its id picks; jobs are shown
 * under the queue's own name. Other queues' calls pass straight through.
 */
final class ShardedAdmin implements QueueAdmin {

  private final QueueAdmin stored;
  private final QueueShards shards;

  ShardedAdmin(QueueAdmin stored, QueueShards shards) {
    this.stored = stored;
    this.shards = shards;
  }

  @Override
  public QueueCounts counts(String queue) {
    if (!shards.isSharded(queue)) {
      return stored.counts(queue);
    }
    long waiting = 0, delayed = 0, active = 0, completed = 0, failed = 0, dead = 0;
    boolean paused = false;
    for (String shard : shards.physical(queue)) {
      QueueCounts c = stored.counts(shard);
      waiting += c.waiting();
      delayed += c.delayed();
      active += c.active();
      completed += c.completed();
      failed += c.failed();
      dead += c.dead();
      paused |= c.paused();
    }
    return new QueueCounts(waiting, delayed, active, completed, failed, dead, paused);
  }

  /** The queues, each sharded one once under its own name. */
  @Override
  public List<String> queues() {
    return stored.queues().stream().map(QueueShards::logical).distinct().sorted().toList();
  }

  @Override
  public Optional<JobInfo> job(String queue, String id) {
    return stored.job(shards.physicalFor(queue, id), id).map(job -> named(job, queue));
  }

  /**
   * Each shard's first {@code offset + limit} jobs, merged in the order one queue lists them:
   * waiting jobs by priority, then oldest first; the others newest first.
   */
  @Override
  public List<JobInfo> jobs(String queue, JobState state, int offset, int limit) {
    if (!shards.isSharded(queue)) {
      return stored.jobs(queue, state, offset, limit);
    }
    int each = (int) Math.min(Integer.MAX_VALUE, (long) offset + limit);
    List<JobInfo> all = new ArrayList<>();
    for (String shard : shards.physical(queue)) {
      all.addAll(stored.jobs(shard, state, 0, each));
    }
    return all.stream()
        .sorted(listOrder(state))
        .skip(offset)
        .limit(limit)
        .map(job -> named(job, queue))
        .toList();
  }

  private static Comparator<JobInfo> listOrder(JobState state) {
    return switch (state) {
      case WAITING ->
          Comparator.comparingInt(JobInfo::priority)
              .reversed()
              .thenComparingLong(job -> epochMillis(job.createdAt()));
      case ACTIVE -> newestFirst(JobInfo::startedAt);
      case DELAYED -> newestFirst(JobInfo::createdAt);
      default -> newestFirst(JobInfo::finishedAt);
    };
  }

  private static Comparator<JobInfo> newestFirst(Function<JobInfo, Instant> time) {
    return Comparator.comparingLong((JobInfo job) -> epochMillis(time.apply(job))).reversed();
  }

  private static long epochMillis(Instant time) {
    return time == null ? 0 : time.toEpochMilli();
  }

  private static JobInfo named(JobInfo job, String queue) {
    return new JobInfo(
        job.id(),
        queue,
        job.name(),
        job.state(),
        job.payload(),
        job.options(),
        job.priority(),
        job.attemptsMade(),
        job.stalls(),
        job.createdAt(),
        job.startedAt(),
        job.finishedAt(),
        job.progress(),
        job.result(),
        job.failure(),
        job.logs(),
        job.runsAt(),
        job.attempts());
  }

  @Override
  public List<MinuteStats> history(String queue, Instant from, Instant to) {
    if (!shards.isSharded(queue)) {
      return stored.history(queue, from, to);
    }
    return Histories.sum(
        shards.physical(queue).stream().map(shard -> stored.history(shard, from, to)).toList());
  }

  @Override
  public List<WorkerProcess> processes() {
    return stored.processes();
  }

  /** Each shard in turn, until the limit is reached; complete when every shard's search was. */
  @Override
  public JobSearch search(String queue, String text, JobState state, int limit) {
    if (!shards.isSharded(queue)) {
      return stored.search(queue, text, state, limit);
    }
    List<JobInfo> found = new ArrayList<>();
    long scanned = 0;
    boolean complete = true;
    for (String shard : shards.physical(queue)) {
      if (found.size() >= limit) {
        complete = false;
        break;
      }
      JobSearch part = stored.search(shard, text, state, limit - found.size());
      part.jobs().forEach(job -> found.add(named(job, queue)));
      scanned += part.scanned();
      complete &= part.complete();
    }
    return new JobSearch(found, scanned, complete);
  }

  @Override
  public boolean retry(String queue, String id) {
    return stored.retry(shards.physicalFor(queue, id), id);
  }

  @Override
  public long retryAll(String queue) {
    return sum(queue, stored::retryAll);
  }

  @Override
  public boolean remove(String queue, String id) {
    return stored.remove(shards.physicalFor(queue, id), id);
  }

  @Override
  public boolean promote(String queue, String id) {
    return stored.promote(shards.physicalFor(queue, id), id);
  }

  @Override
  public long clean(String queue, JobState state, Duration olderThan) {
    return sum(queue, shard -> stored.clean(shard, state, olderThan));
  }

  /**
   * On a sharded queue each shard keeps its newest {@code keep / shards} (rounded up): ids spread
   * jobs evenly, and a precise cut would read every shard's newest {@code keep} jobs first.
   */
  @Override
  public long trim(String queue, JobState state, long keep) {
    int n = shards.count(queue);
    long each = n == 1 ? keep : (keep + n - 1) / n;
    return sum(queue, shard -> stored.trim(shard, state, each));
  }

  @Override
  public long drain(String queue) {
    return sum(queue, stored::drain);
  }

  @Override
  public void pause(String queue) {
    shards.physical(queue).forEach(stored::pause);
  }

  @Override
  public void resume(String queue) {
    shards.physical(queue).forEach(stored::resume);
  }

  @Override
  public boolean cancel(String queue, String id) {
    return stored.cancel(shards.physicalFor(queue, id), id);
  }

  private long sum(String queue, ToLongFunction<String> perShard) {
    long total = 0;
    for (String shard : shards.physical(queue)) {
      total += perShard.applyAsLong(shard);
    }
    return total;
  }
}
