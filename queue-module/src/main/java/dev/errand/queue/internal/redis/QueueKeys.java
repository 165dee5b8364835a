package dev.errand.queue.internal.redis;

import dev.errand.queue.JobState;
import dev.errand.queue.internal.shard.QueueShards;
import io.lettuce.core.cluster.SlotHash;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The Redis keys of one queue. All share the hash tag {@code {queue}}, so they live in one slot and
 * every script works on Redis Cluster: {@code errand:{email}:wait}, {@code errand:{email}:job:42},
 * ...
 */
final class QueueKeys {

  private final String base;
  private final String[] scriptKeys;

  QueueKeys(String prefix, String queue) {
    this.base = prefix + ":{" + hashTag(queue) + "}:";
    this.scriptKeys =
        new String[] {
          base + "wait",
          base + "delayed",
          base + "active",
          base + "completed",
          base + "failed",
          base + "dead",
          base + "idle",
          base + "seq",
          base + "paused"
        };
  }

  /**
   * What goes between the braces: the queue's name, or for a shard ({@code report#1/3}, see {@code
   * QueueShards}) its name with the first suffix that puts it in its own part of the slot range, so
   * that a queue's shards fall on different masters of a cluster whose masters split the slots
   * evenly (as {@code redis-cli --cluster create} does). The choice depends on the name only, so
   * every process finds the same keys.
   */
  static String hashTag(String queue) {
    var shard = QueueShards.parse(queue);
    if (shard.isEmpty()) {
      return queue;
    }
    int from = SlotHash.SLOT_COUNT * shard.get().index() / shard.get().count();
    int to = SlotHash.SLOT_COUNT * (shard.get().index() + 1) / shard.get().count();
    for (int suffix = 0; ; suffix++) {
      String tag = queue + "." + suffix;
      int slot = SlotHash.getSlot(tag);
      if (slot >= from && slot < to) {
        return tag;
      }
    }
  }

  /**
   * The pub/sub channel on which the scripts wake the idle workers of every queue under {@code
   * prefix}, naming the queue by its {@link #base()} ({@code wake-worker.lua}).
   */
  static String wakeChannel(String prefix) {
    return prefix + ":wake";
  }

  /** The prefix every key of the queue starts with. */
  String base() {
    return base;
  }

  /** The keys every script takes, in the order the scripts expect (named in queue-keys.lua). */
  String[] scriptKeys() {
    return scriptKeys;
  }

  /**
   * The arguments of a script call: {@link #base()}, which every script takes first, then values.
   */
  String[] scriptArgs(String... values) {
    String[] args = new String[values.length + 1];
    args[0] = base;
    System.arraycopy(values, 0, args, 1, values.length);
    return args;
  }

  /** The arguments of a script call that ends with ids: {@link #base()}, values, then ids. */
  String[] scriptArgs(Collection<String> ids, String... values) {
    List<String> args = new ArrayList<>(values.length + ids.size() + 1);
    args.add(base);
    args.addAll(List.of(values));
    args.addAll(ids);
    return args.toArray(String[]::new);
  }

  /** The hash of the workers waiting for a wake-up ({@code wake-worker.lua}). */
  String idle() {
    return scriptKeys[6];
  }

  /** The pub/sub channel carrying the queue's events. */
  String events() {
    return base + "events";
  }

  /** Set while some process listens to the queue's events, so the scripts publish them. */
  String listening() {
    return base + "listening";
  }

  /** The pub/sub channel carrying cancellation requests. */
  String cancels() {
    return base + "cancel";
  }

  String job(String id) {
    return base + "job:" + id;
  }

  /** The hash of the queue's history for one hour ({@code acknowledge-and-fetch.lua}). */
  String history(long hourSinceEpoch) {
    return base + "history:" + hourSinceEpoch;
  }

  String logs(String id) {
    return base + "logs:" + id;
  }

  /** The sorted set holding jobs in {@code state}, by its {@link JobState}. */
  String set(JobState state) {
    return scriptKeys[state.ordinal()];
  }
}
