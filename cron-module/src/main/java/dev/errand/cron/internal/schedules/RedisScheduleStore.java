package dev.errand.cron.internal.schedules;

import dev.errand.core.ErrandRedis;
import dev.errand.core.Health;
import dev.errand.core.RedisScript;
import dev.errand.cron.spi.DueTick;
import dev.errand.cron.spi.PendingTick;
import dev.errand.cron.spi.ScheduleClaim;
import dev.errand.cron.spi.ScheduleStore;
import dev.errand.cron.spi.StoredSchedule;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Schedules in Redis, under one hash tag so every script touches one cluster slot: definitions in a
 * hash, state ({@code paused|lastRunMs|runs}, then {@code |aheadMs} while a tick claimed ahead
 * waits for its moment) in another, all ids in a sorted set read by lex range for prefix listing,
 * and the active ones in a sorted set scored by next tick, which is all the ticker reads; claimed
 * ticks whose jobs are not added yet in a sorted set scored by the end of their lease, with their
 * definitions in a hash. The scripts are {@code .lua} files beside this class.
 */
public final class RedisScheduleStore implements ScheduleStore {

  private static final RedisScript UPSERT = script("upsert-schedule");
  private static final RedisScript READ = script("read-schedules");
  private static final RedisScript REMOVE = script("remove-schedule");
  private static final RedisScript PAUSE = script("pause-schedule");
  private static final RedisScript CLAIM = script("claim-schedule-tick");

  /**
   * Schedules read, claimed or settled per script call: the scripts pass each call's ids to Redis
   * commands in one go, and Lua can pass only so many values at once (about 8,000).
   */
  static final int CHUNK = 1000;

  private final ErrandRedis redis;
  private final String defs;
  private final String ids;
  private final String next;
  private final String state;
  private final String pending;
  private final String pendingDefs;
  private final RedisPendingTicks pendingTicks;

  /** Keys under {@code prefix}, such as {@code errand:cron}. */
  public RedisScheduleStore(ErrandRedis redis, String prefix) {
    this.redis = redis;
    String base = prefix + ":{schedules}:";
    this.defs = base + "defs";
    this.ids = base + "ids";
    this.next = base + "next";
    this.state = base + "state";
    this.pending = base + "pending";
    this.pendingDefs = base + "pending-defs";
    this.pendingTicks = new RedisPendingTicks(redis, state, pending, pendingDefs);
  }

  static RedisScript script(String name) {
    return RedisScript.load(RedisScheduleStore.class, name);
  }

  @Override
  public void upsert(String id, String definition, Instant nextRun, Instant now) {
    UPSERT.run(
        redis.commands(),
        ScriptOutputType.INTEGER,
        new String[] {defs, ids, next, state, pending, pendingDefs},
        id,
        definition,
        millis(nextRun),
        millis(now));
  }

  @Override
  public Optional<StoredSchedule> get(String id) {
    return getAll(List.of(id)).stream().findFirst();
  }

  @Override
  public List<StoredSchedule> getAll(List<String> wanted) {
    List<StoredSchedule> found = new ArrayList<>();
    for (int from = 0; from < wanted.size(); from += CHUNK) {
      read(wanted.subList(from, Math.min(wanted.size(), from + CHUNK)), found);
    }
    return found;
  }

  private void read(List<String> wanted, List<StoredSchedule> found) {
    List<Object> values =
        READ.run(
            redis.commands(),
            ScriptOutputType.MULTI,
            new String[] {defs, next, state},
            wanted.toArray(String[]::new));
    for (int i = 0; i < wanted.size(); i++) {
      Object definition = values.get(3 * i);
      if (definition == null) {
        continue;
      }
      String[] parts = String.valueOf(values.get(3 * i + 1)).split("\\|", -1);
      Object score = values.get(3 * i + 2);
      found.add(
          new StoredSchedule(
              wanted.get(i),
              definition.toString(),
              "1".equals(parts[0]),
              score == null ? null : Instant.ofEpochMilli(Long.parseLong(score.toString())),
              parts.length < 2 || parts[1].isEmpty()
                  ? null
                  : Instant.ofEpochMilli(Long.parseLong(parts[1])),
              parts.length < 3 ? 0 : Long.parseLong(parts[2])));
    }
  }

  @Override
  public List<StoredSchedule> list(String prefix, String after, int limit) {
    Range.Boundary<String> lower =
        after != null && after.compareTo(prefix) >= 0
            ? Range.Boundary.excluding(after)
            : Range.Boundary.including(prefix);
    Range.Boundary<String> upper =
        prefix.isEmpty() ? Range.Boundary.unbounded() : Range.Boundary.including(prefix + "\u00ff");
    List<String> page =
        redis.commands().zrangebylex(ids, Range.from(lower, upper), Limit.create(0, limit));
    return getAll(page);
  }

  @Override
  public boolean remove(String id, Instant now) {
    Long removed =
        REMOVE.run(
            redis.commands(),
            ScriptOutputType.INTEGER,
            new String[] {defs, ids, next, state, pending, pendingDefs},
            id,
            millis(now));
    return removed == 1;
  }

  @Override
  public boolean pause(String id, Instant now) {
    return pauseOrResume(id, "1", null, now);
  }

  @Override
  public boolean resume(String id, Instant nextRun) {
    return pauseOrResume(id, "0", nextRun, null);
  }

  /** {@code now} tells a pause which held ticks are still ahead; a resume needs none. */
  private boolean pauseOrResume(String id, String paused, Instant nextRun, Instant now) {
    Long done =
        PAUSE.run(
            redis.commands(),
            ScriptOutputType.INTEGER,
            new String[] {defs, next, state, pending, pendingDefs},
            id,
            paused,
            millis(nextRun),
            millis(now));
    return done == 1;
  }

  @Override
  public List<DueTick> due(Instant now, int limit) {
    List<ScoredValue<String>> due =
        redis
            .commands()
            .zrangebyscoreWithScores(
                next,
                Range.create(Double.NEGATIVE_INFINITY, now.toEpochMilli()),
                Limit.create(0, limit));
    return due.stream()
        .map(v -> new DueTick(v.getValue(), Instant.ofEpochMilli((long) v.getScore())))
        .toList();
  }

  @Override
  public Optional<Instant> earliest() {
    List<ScoredValue<String>> first = redis.commands().zrangeWithScores(next, 0, 0);
    return first.stream().findFirst().map(v -> Instant.ofEpochMilli((long) v.getScore()));
  }

  @Override
  public boolean claim(ScheduleClaim claim) {
    return claimAll(List.of(claim)).getFirst();
  }

  @Override
  public List<Boolean> claimAll(List<ScheduleClaim> claims) {
    return claim(claims, "", "");
  }

  @Override
  public List<Boolean> claimAll(List<ScheduleClaim> claims, Instant leaseUntil) {
    return claim(claims, millis(leaseUntil), "");
  }

  @Override
  public boolean claimsAhead() {
    return true;
  }

  @Override
  public List<Boolean> claimAhead(List<ScheduleClaim> claims, Instant leaseUntil) {
    return claim(claims, millis(leaseUntil), "ahead");
  }

  @Override
  public boolean keepsPendingTicks() {
    return true;
  }

  @Override
  public List<Boolean> start(List<PendingTick> ticks) {
    return pendingTicks.start(ticks);
  }

  @Override
  public void settle(List<PendingTick> ticks) {
    pendingTicks.settle(ticks);
  }

  @Override
  public List<PendingTick> takeOver(Instant now, Instant leaseUntil, int limit) {
    return pendingTicks.takeOver(now, leaseUntil, limit);
  }

  private List<Boolean> claim(List<ScheduleClaim> claims, String leaseUntil, String mode) {
    List<Boolean> won = new ArrayList<>(claims.size());
    for (int from = 0; from < claims.size(); from += CHUNK) {
      won.addAll(
          claimChunk(
              claims.subList(from, Math.min(claims.size(), from + CHUNK)), leaseUntil, mode));
    }
    return won;
  }

  private List<Boolean> claimChunk(List<ScheduleClaim> claims, String leaseUntil, String mode) {
    List<String> args = new ArrayList<>();
    args.add(leaseUntil);
    args.add(mode);
    for (ScheduleClaim claim : claims) {
      args.add(claim.id());
      args.add(millis(claim.tick()));
      args.add(millis(claim.next()));
      args.add(millis(claim.enqueued()));
    }
    List<Long> claimed =
        CLAIM.run(
            redis.commands(),
            ScriptOutputType.MULTI,
            new String[] {next, state, defs, pending, pendingDefs},
            args.toArray(String[]::new));
    return claimed.stream().map(value -> value == 1).toList();
  }

  @Override
  public Health health() {
    return redis.health();
  }

  static String millis(Instant instant) {
    return instant == null ? "" : Long.toString(instant.toEpochMilli());
  }
}
