package dev.errand.queue.internal.redis;

import dev.errand.core.RedisScript;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobState;
import dev.errand.queue.internal.history.PayloadMatch;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A payload search of one queue on Redis, which looks at up to {@value RedisInsight#SEARCH_SCAN}
 * jobs of the states in {@link PayloadMatch#states} order: waiting jobs oldest first, the others
 * newest first. A text that is ASCII once lower-cased is matched inside Redis by {@code
 * search-payloads.lua}, one page a call, so only the matching ids travel; any other text needs
 * Java's case folding, and its pages of payloads are read (one pipelined HGET each) and matched
 * here. Both count and stop exactly as {@link PayloadMatch#offer} does. The matches of a page are
 * built into jobs together, in one pipelined read ({@link RedisJobReads}), rather than two round
 * trips each.
 */
final class RedisPayloadSearch {

  private static final RedisScript SEARCH = RedisBackend.script("search-payloads");

  /**
   * Ids a script call looks at, at most. Redis serves no one else while a script runs; on the
   * 2-core test machine 1,000 ids of small payloads took 2 to 4 ms (half of it the HGETs), so 500
   * keep a call near a millisecond, and the 20 calls of a full scan cost little more than 10.
   */
  private static final int SCRIPT_PAGE = 500;

  /** Payload bytes after which a script call stops early, so large payloads keep it short too. */
  private static final int SCRIPT_BYTES = 512 << 10;

  /** Ids whose payloads one pipelined read brings to Java. */
  private static final int JAVA_PAGE = 200;

  private final RedisClusterCommands<String, String> sync;
  private final RedisClusterAsyncCommands<String, String> async;
  private final QueueKeys keys;
  private final PayloadMatch match;
  private final Function<List<String>, List<JobInfo>> jobs;

  RedisPayloadSearch(
      RedisClusterCommands<String, String> sync,
      RedisClusterAsyncCommands<String, String> async,
      QueueKeys keys,
      PayloadMatch match,
      Function<List<String>, List<JobInfo>> jobs) {
    this.sync = sync;
    this.async = async;
    this.keys = keys;
    this.match = match;
    this.jobs = jobs;
  }

  /**
   * Looks through {@code states} until the limit is found or the scan bound is reached.
   *
   * @return true when every job of the states was looked at (the search is complete)
   */
  boolean run(List<JobState> states) {
    boolean inRedis = match.needle().chars().allMatch(c -> c < 0x80);
    for (JobState state : states) {
      boolean whole = inRedis ? scriptState(state) : javaState(state);
      if (!whole) {
        return false;
      }
    }
    return true;
  }

  private long take(int page) {
    return Math.min(page, RedisInsight.SEARCH_SCAN - match.scanned());
  }

  /**
   * One state matched in Redis: true when all its jobs were looked at, false when the scan bound or
   * the limit was reached first.
   */
  private boolean scriptState(JobState state) {
    for (long offset = 0; ; ) {
      long take = take(SCRIPT_PAGE);
      if (take <= 0) {
        return false;
      }
      List<String> args =
          new ArrayList<>(
              List.of(
                  Integer.toString(state.ordinal() + 1),
                  state == JobState.WAITING ? "0" : "1",
                  Long.toString(offset),
                  Long.toString(take),
                  match.needle(),
                  Integer.toString(match.wanted()),
                  Integer.toString(SCRIPT_BYTES)));
      args.addAll(FoldsIntoAscii.SPELLINGS);
      List<Object> reply =
          SEARCH.run(
              sync,
              ScriptOutputType.MULTI,
              keys.scriptKeys(),
              keys.scriptArgs(args.toArray(String[]::new)));
      long read = (Long) reply.get(0);
      long scanned = (Long) reply.get(1);
      match.looked(scanned);
      if (!hits(reply.subList(2, reply.size()))) {
        return false;
      }
      if (scanned == read && read < take) {
        return true;
      }
      offset += scanned;
    }
  }

  /** Keeps the script's hits, checking the unsure ones in Java; false once the limit is found. */
  private boolean hits(List<Object> hits) {
    List<String> unsure = new ArrayList<>();
    for (int i = 0; i < hits.size(); i += 2) {
      if ((Long) hits.get(i + 1) == 0) {
        unsure.add((String) hits.get(i));
      }
    }
    List<String> payloads = payloads(unsure);
    // The script stopped at the wanted-th hit, so all the matches fit in the limit.
    List<String> matched = new ArrayList<>();
    for (int i = 0, u = 0; i < hits.size(); i += 2) {
      boolean sure = (Long) hits.get(i + 1) == 1;
      if (sure || match.matches(payloads.get(u++))) {
        matched.add((String) hits.get(i));
      }
    }
    return addAll(matched);
  }

  /** Keeps the jobs of matching ids, read together; false once the limit is found. */
  private boolean addAll(List<String> ids) {
    if (ids.isEmpty()) {
      return true;
    }
    boolean more = true;
    for (JobInfo job : jobs.apply(ids)) {
      // Null when the job was deleted since its payload was read: not kept, and not counted.
      more = match.add(() -> job);
    }
    return more;
  }

  /** One state matched in Java, answering as {@link #scriptState}. */
  private boolean javaState(JobState state) {
    for (long offset = 0; ; offset += JAVA_PAGE) {
      long take = take(JAVA_PAGE);
      if (take <= 0) {
        return false;
      }
      String set = keys.set(state);
      List<String> ids =
          state == JobState.WAITING
              ? sync.zrange(set, offset, offset + take - 1)
              : sync.zrevrange(set, offset, offset + take - 1);
      List<String> payloads = payloads(ids);
      // Counted and stopped as PayloadMatch.offer would: up to the job that makes the limit, read
      // again past it only when some of the matches were deleted meanwhile.
      for (int i = 0; i < ids.size(); ) {
        List<String> matched = new ArrayList<>();
        for (; i < ids.size() && matched.size() < match.wanted(); i++) {
          match.looked(1);
          if (match.matches(payloads.get(i))) {
            matched.add(ids.get(i));
          }
        }
        if (!addAll(matched)) {
          return false;
        }
      }
      if (ids.size() < take) {
        return true;
      }
    }
  }

  /** The payloads of jobs, null for a job deleted meanwhile, in one pipelined read. */
  private List<String> payloads(List<String> ids) {
    List<RedisFuture<String>> replies = new ArrayList<>();
    for (String id : ids) {
      replies.add(async.hget(keys.job(id), "d"));
    }
    LettuceFutures.awaitAll(30, TimeUnit.SECONDS, replies.toArray(RedisFuture[]::new));
    return replies.stream().map(r -> r.toCompletableFuture().join()).toList();
  }

  /**
   * The characters outside ASCII that this JDK's {@code toLowerCase(Locale.ROOT)} turns into text
   * holding ASCII (the Kelvin sign and U+0130 today, and whatever a later Unicode adds), as the
   * script gets them. Found once, lazily, by trying every code point that lower-casing changes
   * (String.toLowerCase leaves the others as they are), some tens of milliseconds.
   */
  private static final class FoldsIntoAscii {
    static final List<String> SPELLINGS = find();

    private static List<String> find() {
      List<String> found = new ArrayList<>();
      for (int cp = 0x80; cp <= Character.MAX_CODE_POINT; cp++) {
        if (Character.toLowerCase(cp) != cp) {
          String c = Character.toString(cp);
          if (c.toLowerCase(Locale.ROOT).chars().anyMatch(ch -> ch < 0x80)) {
            found.add(c);
          }
        }
      }
      return List.copyOf(found);
    }
  }
}
