package dev.errand.queue.internal.shard;

import dev.errand.queue.QueueSettings;
import dev.errand.queue.RateLimit;
import dev.errand.queue.internal.WorkerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The workers a consumed queue gets: one, or one per shard, each with its part of the queue's
 * concurrency. A fixed part keeps each shard's worker simple and no shard starved: ids spread jobs
 * evenly, so each shard has about its share of the work.
 */
public final class ShardWorkers {

  /** One worker: the physical queue it consumes and what it runs by. */
  public record Planned(String physicalQueue, WorkerConfig config) {}

  private ShardWorkers() {}

  /**
   * The workers of {@code queue} with {@code config}; fails, naming the setting to change, when a
   * sharded queue has a rate limit (kept in one place, which shards do not share) or fewer slots
   * than shards.
   */
  public static List<Planned> plan(
      String queue,
      QueueShards shards,
      WorkerConfig config,
      RateLimit perQueue,
      RateLimit perGroup) {
    int count = shards.count(queue);
    if (count == 1) {
      return List.of(new Planned(queue, config));
    }
    String setting = "JOBS_QUEUE_" + QueueSettings.settingName(queue) + "_";
    if (perQueue != null || perGroup != null) {
      throw new IllegalStateException(
          "Queue '"
              + queue
              + "' is spread over "
              + count
              + " shards and has a rate limit: a limit is counted in one place, which the shards"
              + " of a queue do not share. Remove "
              + setting
              + "RATE_LIMIT / GROUP_RATE_LIMIT (or rateLimit in code), or set "
              + setting
              + "SHARDS=1");
    }
    int concurrency = config.defaults().concurrency();
    if (concurrency < count) {
      throw new IllegalStateException(
          "Queue '"
              + queue
              + "' is spread over "
              + count
              + " shards but its concurrency is "
              + concurrency
              + ": each shard needs a slot of its own, or its jobs never run. Set "
              + setting
              + "CONCURRENCY to "
              + count
              + " or more, or fewer SHARDS");
    }
    List<Planned> planned = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int slots = share(concurrency, count, i);
      planned.add(
          new Planned(
              QueueShards.shardName(queue, i, count),
              new WorkerConfig(
                  config.defaults().withConcurrency(slots),
                  Math.min(share(config.prefetch(), count, i), slots),
                  config.leaseDuration(),
                  config.maxStalled(),
                  config.stalledInterval(),
                  config.shutdownGrace(),
                  config.idleCheckInterval(),
                  config.outcomeLog())));
    }
    return planned;
  }

  /** Shard {@code index}'s part of {@code total}: equal parts, the first ones one more. */
  private static int share(int total, int count, int index) {
    return total / count + (index < total % count ? 1 : 0);
  }
}
