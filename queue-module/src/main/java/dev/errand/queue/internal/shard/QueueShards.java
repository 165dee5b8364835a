package dev.errand.queue.internal.shard;

import dev.errand.queue.JobEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;

/**
 * Which queues are sharded, and the pure functions every process must agree on: the names of a
 * queue's shards and the shard a job id belongs to.
 *
 * <p>A shard is a physical queue named {@code queue#index/count} (say {@code report#1/3}). {@code
 * #} and {@code /} are not allowed in queue names, so a shard never clashes with a user's queue,
 * and the name carries the count, so a backend can place the shards apart (the Redis backend puts
 * each in its own part of the cluster's slot range) and a process with another count never reads a
 * shard of this one. A job's shard is a hash of its id, which is what keeps {@code jobId}
 * idempotency across shards and lets admin calls by id find the job again.
 */
public final class QueueShards {

  private final ToIntFunction<String> countOf;
  private final Map<String, Integer> counts = new ConcurrentHashMap<>();

  private QueueShards(ToIntFunction<String> countOf) {
    this.countOf = countOf;
  }

  /**
   * The layout that {@code countOf} gives each queue, asked once per queue: any queue can be named
   * at runtime, so the counts are read when a queue is first used, not listed up front.
   */
  public static QueueShards of(ToIntFunction<String> countOf) {
    return new QueueShards(countOf);
  }

  /** These queues sharded, every other queue not. */
  public static QueueShards of(Map<String, Integer> counts) {
    Map<String, Integer> copy = Map.copyOf(counts);
    return new QueueShards(queue -> copy.getOrDefault(queue, 1));
  }

  /** How many shards {@code queue} has; 1 for a queue that is not sharded. */
  public int count(String queue) {
    if (queue.indexOf('#') >= 0) {
      return 1; // a shard's own name, which workers use
    }
    Integer known = counts.get(queue);
    if (known == null) {
      known = counts.computeIfAbsent(queue, countOf::applyAsInt);
    }
    return known;
  }

  public boolean isSharded(String queue) {
    return count(queue) > 1;
  }

  /** The physical queues of {@code queue}: its shards, or itself when it is not sharded. */
  public List<String> physical(String queue) {
    int n = count(queue);
    if (n == 1) {
      return List.of(queue);
    }
    return IntStream.range(0, n).mapToObj(i -> shardName(queue, i, n)).toList();
  }

  /** The physical queue that holds the job {@code id} of {@code queue}. */
  public String physicalFor(String queue, String id) {
    int n = count(queue);
    return n == 1 ? queue : shardName(queue, indexOf(id, n), n);
  }

  public static String shardName(String queue, int index, int count) {
    return queue + "#" + index + "/" + count;
  }

  /** The queue a physical name belongs to: {@code report} for {@code report#1/3}. */
  public static String logical(String physical) {
    int hash = physical.indexOf('#');
    return hash < 0 ? physical : physical.substring(0, hash);
  }

  /** {@code event} under the name of the queue it belongs to, as listeners and waiters see it. */
  public static JobEvent underQueueName(JobEvent event) {
    String queue = logical(event.queue());
    if (queue.equals(event.queue())) {
      return event;
    }
    return new JobEvent(
        event.type(),
        queue,
        event.id(),
        event.name(),
        event.attempt(),
        event.data(),
        event.failure());
  }

  /** The index and count a shard's name carries, or empty for a name that is not a shard's. */
  public static Optional<Shard> parse(String physical) {
    int hash = physical.indexOf('#');
    int slash = physical.indexOf('/', hash + 1);
    if (hash < 0 || slash < 0) {
      return Optional.empty();
    }
    try {
      int index = Integer.parseInt(physical, hash + 1, slash, 10);
      int count = Integer.parseInt(physical, slash + 1, physical.length(), 10);
      return index >= 0 && index < count ? Optional.of(new Shard(index, count)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A shard's place among its queue's shards. */
  public record Shard(int index, int count) {}

  /**
   * The shard of a job id: the id's String hash (fixed by the Java language, so every process and
   * version agrees), mixed so that ids differing only in their last characters spread too.
   */
  static int indexOf(String id, int count) {
    int h = id.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return Math.floorMod(h, count);
  }

  /**
   * An id for a job of a sharded queue added without one: the shard is chosen by the id, so the id
   * must exist before the job is stored. Milliseconds then 60 random bits, in base 36: unique
   * without coordination, roughly time-ordered, and never a plain number (those are the ids a
   * backend generates, and the ids a caller may not choose).
   */
  static String newId() {
    long random = ThreadLocalRandom.current().nextLong() >>> 4;
    return Long.toString(System.currentTimeMillis(), 36) + "-" + Long.toString(random, 36);
  }
}
