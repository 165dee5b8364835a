package dev.errand.queue.internal.redis;

import dev.errand.queue.JobState;
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
    this.base = prefix + ":{" + queue + "}:";
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

  String logs(String id) {
    return base + "logs:" + id;
  }

  /** The sorted set holding jobs in {@code state}, by its {@link JobState}. */
  String set(JobState state) {
    return scriptKeys[state.ordinal()];
  }
}
