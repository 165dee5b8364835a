package dev.errand.queue.internal;

import dev.errand.queue.QueueCounts;
import dev.errand.queue.QueueSettings;
import dev.errand.queue.RateLimit;
import dev.errand.queue.internal.shard.QueueShards;
import dev.errand.queue.internal.shard.ShardWorkers;
import dev.errand.queue.spi.QueueBackend;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a consumed queue asks of its backend before its workers start: its rate limits and
 * concurrency caps, or, for a sharded queue, the refusal of both (each is counted in one place,
 * which shards do not share) and a warning about jobs stranded under the plain name.
 */
final class QueueLimits {

  private static final Logger log = LoggerFactory.getLogger(QueueRuntime.class);

  private QueueLimits() {}

  /** Applies the queue's limits and returns its workers, one per shard. */
  static List<ShardWorkers.Planned> apply(
      String queue,
      QueueRuntime.Config config,
      QueueShards shards,
      QueueBackend backend,
      QueueBackend stored) {
    QueueSettings settings = config.settings();
    RateLimit perQueue = settings.rateLimit(queue, config.rateLimits().get(queue));
    RateLimit perGroup = settings.groupRateLimit(queue, config.groupRateLimits().get(queue));
    List<ShardWorkers.Planned> planned =
        ShardWorkers.plan(queue, shards, WorkerConfig.of(settings, queue), perQueue, perGroup);
    if (planned.size() == 1) {
      backend.rateLimits(queue, perQueue, perGroup);
    }
    capRunning(queue, settings, planned.size(), backend);
    if (planned.size() > 1) {
      warnOfUnshardedJobs(queue, planned.size(), stored);
    }
    return planned;
  }

  private static void capRunning(
      String queue, QueueSettings settings, int shardCount, QueueBackend backend) {
    int maxRunning = settings.maxRunning(queue);
    int groupMaxRunning = settings.groupMaxRunning(queue);
    if (maxRunning == 0 && groupMaxRunning == 0) {
      return;
    }
    if (shardCount > 1) {
      String setting = "JOBS_QUEUE_" + QueueSettings.settingName(queue) + "_";
      throw new IllegalStateException(
          "Queue '"
              + queue
              + "' is spread over "
              + shardCount
              + " shards and has a concurrency"
              + " cap: a cap is counted in one place, which the shards of a queue do not share."
              + " Remove "
              + setting
              + "MAX_RUNNING / GROUP_MAX_RUNNING, or set "
              + setting
              + "SHARDS=1");
    }
    backend.concurrencyCaps(queue, maxRunning, groupMaxRunning);
  }

  /**
   * Jobs waiting under a sharded queue's own name were added by a process that does not shard it,
   * and no worker here takes them: say so once at start, naming the setting that differs.
   */
  private static void warnOfUnshardedJobs(String queue, int shardCount, QueueBackend stored) {
    QueueCounts plain = stored.admin().counts(queue);
    long stranded = plain.waiting() + plain.delayed();
    if (stranded > 0) {
      log.warn(
          "Queue '{}' is spread over {} shards, but {} job(s) wait under its unsharded name: a"
              + " process without JOBS_QUEUE_{}_SHARDS={} added them, and no worker takes them."
              + " Give every producer the same setting",
          queue,
          shardCount,
          stranded,
          QueueSettings.settingName(queue),
          shardCount);
    }
  }
}
