package dev.errand.queue.internal.redis;

import dev.errand.queue.JobState;

/**
 * The Redis keys of one queue. All share the hash tag {@code {queue}}, so they live in one slot and
 * every script works on Redis Cluster: {@code errand:{email}:wait}, {@code errand:{email}:job:42},
 * ...
 */
final class QueueKeys {

  private final String base;
  private final String[] scriptKeys;

  QueueKeys(String prefix, String queue) {
    this.base = prefix + ":{" + queue + "}:";
    this.scriptKeys =
        new String[] {
          base + "wait",
          base + "delayed",
          base + "active",
          base + "completed",
          base + "failed",
          base + "dead",
          base + "marker",
          base + "seq",
          base + "paused"
        };
  }

  /** The prefix every key of the queue starts with. */
  String base() {
    return base;
  }

  /** The keys every script takes, in the order the scripts expect. */
  String[] scriptKeys() {
    return scriptKeys;
  }

  String marker() {
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

  String logs(String id) {
    return base + "logs:" + id;
  }

  /** The sorted set holding jobs in {@code state}, by its {@link JobState}. */
  String set(JobState state) {
    return scriptKeys[state.ordinal()];
  }
}
