package dev.errand.cron.internal.schedules;

import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisScript;
import dev.errand.cron.spi.PendingTick;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The pending ticks of {@link RedisScheduleStore}: members {@code id@tickMs} of a sorted set scored
 * by the end of their lease, their definitions in a hash. Started (ticks claimed ahead, at their
 * moment), settled once their jobs are added, and taken over when their lease has passed.
 */
final class RedisPendingTicks {

  private static final RedisScript START = RedisScheduleStore.script("start-schedule-ticks");
  private static final RedisScript SETTLE = RedisScheduleStore.script("settle-schedule-ticks");
  private static final RedisScript TAKE_OVER =
      RedisScheduleStore.script("take-over-schedule-ticks");
  private static final int CHUNK = RedisScheduleStore.CHUNK;

  private final ErrandRedis redis;
  private final String state;
  private final String pending;
  private final String pendingDefs;

  RedisPendingTicks(ErrandRedis redis, String state, String pending, String pendingDefs) {
    this.redis = redis;
    this.state = state;
    this.pending = pending;
    this.pendingDefs = pendingDefs;
  }

  List<Boolean> start(List<PendingTick> ticks) {
    List<Boolean> started = new ArrayList<>(ticks.size());
    for (int from = 0; from < ticks.size(); from += CHUNK) {
      List<String> args = new ArrayList<>();
      for (PendingTick tick : ticks.subList(from, Math.min(ticks.size(), from + CHUNK))) {
        args.add(tick.id());
        args.add(RedisScheduleStore.millis(tick.tick()));
      }
      List<Long> answers =
          START.run(
              redis.commands(),
              ScriptOutputType.MULTI,
              new String[] {state},
              args.toArray(String[]::new));
      answers.forEach(answer -> started.add(answer == 1));
    }
    return started;
  }

  void settle(List<PendingTick> ticks) {
    for (int from = 0; from < ticks.size(); from += CHUNK) {
      String[] members =
          ticks.subList(from, Math.min(ticks.size(), from + CHUNK)).stream()
              .map(tick -> ScheduledJobIds.member(tick.id(), tick.tick()))
              .toArray(String[]::new);
      SETTLE.run(
          redis.commands(), ScriptOutputType.INTEGER, new String[] {pending, pendingDefs}, members);
    }
  }

  List<PendingTick> takeOver(Instant now, Instant leaseUntil, int limit) {
    List<Object> taken =
        TAKE_OVER.run(
            redis.commands(),
            ScriptOutputType.MULTI,
            new String[] {pending, pendingDefs, state},
            RedisScheduleStore.millis(now),
            RedisScheduleStore.millis(leaseUntil),
            Integer.toString(limit));
    List<PendingTick> ticks = new ArrayList<>();
    for (int i = 0; i + 1 < taken.size(); i += 2) {
      String member = taken.get(i).toString();
      int at = member.lastIndexOf('@');
      ticks.add(
          new PendingTick(
              member.substring(0, at),
              Instant.ofEpochMilli(Long.parseLong(member.substring(at + 1))),
              taken.get(i + 1).toString()));
    }
    return ticks;
  }
}
