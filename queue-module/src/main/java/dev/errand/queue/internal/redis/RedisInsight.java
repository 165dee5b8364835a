package dev.errand.queue.internal.redis;

import dev.errand.core.RedisScript;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobSearch;
import dev.errand.queue.JobState;
import dev.errand.queue.LatencySketch;
import dev.errand.queue.MinuteStats;
import dev.errand.queue.WorkerProcess;
import dev.errand.queue.internal.history.PayloadMatch;
import dev.errand.queue.spi.ProcessRecords;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the Redis backend keeps for operators besides the jobs: the heartbeats of processes (one
 * sorted set and one hash under the {@code {processes}} hash tag, {@code heartbeats.lua}), the
 * per-minute history that {@code acknowledge-and-fetch.lua} writes (one hash per queue and hour),
 * and payload search, a bounded scan.
 */
final class RedisInsight {

  /** The most jobs one payload search looks at; the README states it. */
  static final int SEARCH_SCAN = 10_000;

  private static final RedisScript HEARTBEATS = RedisBackend.script("heartbeats");
  private static final long HOUR = 3_600_000;
  private static final long MINUTE = 60_000;

  private final Supplier<RedisClusterCommands<String, String>> redis;
  private final Supplier<RedisClusterAsyncCommands<String, String>> async;
  private final Function<String, QueueKeys> keys;
  private final String[] processKeys;
  private volatile long historyMillis = Duration.ofHours(25).toMillis();

  RedisInsight(
      String prefix,
      Supplier<RedisClusterCommands<String, String>> redis,
      Supplier<RedisClusterAsyncCommands<String, String>> async,
      Function<String, QueueKeys> keys) {
    this.redis = redis;
    this.async = async;
    this.keys = keys;
    this.processKeys = new String[] {prefix + ":{processes}:leases", prefix + ":{processes}:beats"};
  }

  long historyMillis() {
    return historyMillis;
  }

  void historyRetention(Duration retention) {
    historyMillis = retention.toMillis();
  }

  void heartbeat(WorkerProcess process, Duration lease) {
    heartbeats("beat", process.id(), ProcessRecords.toJson(process), lease.toMillis());
  }

  void endHeartbeat(String id) {
    heartbeats("end", id, "", 0);
  }

  List<WorkerProcess> processes() {
    List<Object> beats = heartbeats("list", "", "", 0);
    List<WorkerProcess> alive = new ArrayList<>();
    for (Object beat : beats) {
      alive.add(ProcessRecords.fromJson(String.valueOf(beat)));
    }
    alive.sort(ProcessRecords.ORDER);
    return alive;
  }

  private List<Object> heartbeats(String mode, String id, String json, long leaseMillis) {
    return HEARTBEATS.run(
        redis.get(),
        ScriptOutputType.MULTI,
        processKeys,
        mode,
        id,
        json,
        Long.toString(leaseMillis));
  }

  /** The hour hashes from {@code from} to {@code to}, read in one pipelined go. */
  List<MinuteStats> history(String queue, Instant from, Instant to) {
    QueueKeys k = keys.apply(queue);
    long first = Math.floorDiv(from.toEpochMilli(), HOUR);
    long last = Math.floorDiv(to.toEpochMilli(), HOUR);
    Map<Long, RedisFuture<Map<String, String>>> hours = new TreeMap<>();
    RedisClusterAsyncCommands<String, String> commands = async.get();
    for (long hour = first; hour <= last; hour++) {
      hours.put(hour, commands.hgetall(k.history(hour)));
    }
    LettuceFutures.awaitAll(30, TimeUnit.SECONDS, hours.values().toArray(RedisFuture[]::new));
    long start = from.toEpochMilli() - Math.floorMod(from.toEpochMilli(), MINUTE);
    TreeMap<Long, Minute> minutes = new TreeMap<>();
    hours.forEach(
        (hour, reply) -> {
          Map<String, String> fields = reply.toCompletableFuture().join();
          fields.forEach((field, value) -> add(minutes, hour * HOUR, field, value));
        });
    List<MinuteStats> stats = new ArrayList<>();
    minutes
        .subMap(start, true, to.toEpochMilli(), true)
        .forEach(
            (at, m) -> {
              if (m.processed > 0) {
                stats.add(
                    new MinuteStats(
                        Instant.ofEpochMilli(at),
                        m.processed,
                        m.failed,
                        LatencySketch.of(m.buckets)));
              }
            });
    return stats;
  }

  private static final class Minute {
    long processed;
    long failed;
    final Map<Integer, Long> buckets = new HashMap<>();
  }

  /** One field of an hour hash: {@code p<m>}, {@code f<m>} or {@code <m>:<bucket>}. */
  private static void add(
      TreeMap<Long, Minute> minutes, long hourStart, String field, String value) {
    try {
      long count = Long.parseLong(value);
      int colon = field.indexOf(':');
      String minute = colon >= 0 ? field.substring(0, colon) : field.substring(1);
      Minute m =
          minutes.computeIfAbsent(hourStart + Long.parseLong(minute) * MINUTE, at -> new Minute());
      if (colon >= 0) {
        int bucket = Integer.parseInt(field.substring(colon + 1));
        if (bucket >= 0 && bucket <= LatencySketch.MAX_BUCKET) {
          m.buckets.merge(bucket, count, Long::sum);
        }
      } else if (field.charAt(0) == 'p') {
        m.processed += count;
      } else if (field.charAt(0) == 'f') {
        m.failed += count;
      }
    } catch (RuntimeException e) {
      // A field written by hand is not history: left out.
    }
  }

  /**
   * Looks through the jobs of the states until the limit is found or {@value #SEARCH_SCAN} jobs
   * were looked at ({@link RedisPayloadSearch}).
   */
  JobSearch search(
      String queue,
      String text,
      JobState state,
      int limit,
      Function<List<String>, List<JobInfo>> jobs) {
    PayloadMatch match = new PayloadMatch(text, limit);
    RedisPayloadSearch search =
        new RedisPayloadSearch(redis.get(), async.get(), keys.apply(queue), match, jobs);
    return match.result(search.run(PayloadMatch.states(state)));
  }
}
