package dev.errand.queue.internal.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Every queue that jobs were added to under a key prefix, in one set ({@code <prefix>:queues}), so
 * that an admin can list queues no process of its own names. The set lives outside every queue's
 * hash tag, so the add script cannot write it; instead each process writes a queue's name with its
 * first add to it, one command per queue and process, not per job.
 */
final class KnownQueues {

  private final String key;
  private final Supplier<RedisClusterAsyncCommands<String, String>> async;
  private final Supplier<RedisClusterCommands<String, String>> sync;
  private final Set<String> written = ConcurrentHashMap.newKeySet();

  KnownQueues(
      String prefix,
      Supplier<RedisClusterAsyncCommands<String, String>> async,
      Supplier<RedisClusterCommands<String, String>> sync) {
    this.key = prefix + ":queues";
    this.async = async;
    this.sync = sync;
  }

  /**
   * Notes an add to {@code queue}: the first one writes its name, without waiting. A write that
   * fails is tried again with the next add.
   */
  void added(String queue) {
    if (written.add(queue)) {
      async
          .get()
          .sadd(key, queue)
          .whenComplete(
              (count, failure) -> {
                if (failure != null) {
                  written.remove(queue);
                }
              });
    }
  }

  /** The queues, sorted by name. */
  List<String> list() {
    return sync.get().smembers(key).stream().sorted().toList();
  }
}
