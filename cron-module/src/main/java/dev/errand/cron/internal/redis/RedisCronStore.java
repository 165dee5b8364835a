package dev.errand.cron.internal.redis;

import dev.errand.core.ErrandRedis;
import dev.errand.core.Health;
import dev.errand.core.RedisScript;
import dev.errand.cron.CronRun;
import dev.errand.cron.RunStatus;
import dev.errand.cron.spi.ClaimOutcome;
import dev.errand.cron.spi.CronStore;
import dev.errand.cron.spi.TickClaim;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Ticks and history in Redis. Each claim is one Lua script, so instances sharing the server agree
 * on who runs a tick; a run left RUNNING by a dead instance is taken over once its lease runs out,
 * one that is alive but hung once it is older than the stale threshold. The scripts are {@code
 * .lua} files beside this class; a run's record format is in {@code run-record.lua}.
 */
public final class RedisCronStore implements CronStore {

  private static final char SEPARATOR = 31;
  private static final RedisScript CLAIM = RedisScript.load(RedisCronStore.class, "claim-tick");
  private static final RedisScript FINISH = RedisScript.load(RedisCronStore.class, "finish-run");
  private static final RedisScript RENEW = RedisScript.load(RedisCronStore.class, "renew-run");
  private static final RedisScript PRUNE = RedisScript.load(RedisCronStore.class, "prune-runs");

  private final ErrandRedis redis;
  private final String prefix;

  public RedisCronStore(ErrandRedis redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
  }

  @Override
  public ClaimOutcome claim(TickClaim claim) {
    String tick = millis(claim.scheduledAt());
    String now = millis(claim.now());
    String outcome =
        CLAIM.run(
            redis.commands(),
            ScriptOutputType.VALUE,
            keys(claim.jobId(), "runs", "ticks", "running", "paused"),
            tick,
            now,
            Long.toString(claim.staleAfter().toMillis()),
            claim.ignorePause() ? "1" : "0",
            encode(RunStatus.RUNNING, now, "", claim.instance(), ""),
            encode(RunStatus.SKIPPED, now, now, claim.instance(), ""),
            clean(claim.staleError()),
            Long.toString(claim.lease().toMillis()),
            clean(claim.abandonedError()));
    return ClaimOutcome.valueOf(outcome);
  }

  @Override
  public boolean renew(String jobId, Instant scheduledAt, Instant now) {
    Long renewed =
        RENEW.run(
            redis.commands(),
            ScriptOutputType.INTEGER,
            keys(jobId, "running"),
            millis(scheduledAt),
            millis(now));
    return renewed == 1;
  }

  @Override
  public void finish(
      String jobId, Instant scheduledAt, RunStatus status, Instant finishedAt, String error) {
    FINISH.run(
        redis.commands(),
        ScriptOutputType.INTEGER,
        keys(jobId, "runs", "running"),
        millis(scheduledAt),
        status.name(),
        millis(finishedAt),
        clean(error));
  }

  @Override
  public List<CronRun> history(String jobId, int limit) {
    RedisClusterCommands<String, String> commands = redis.commands();
    String[] keys = keys(jobId, "runs", "ticks");
    List<String> ticks = commands.zrevrange(keys[1], 0, limit - 1);
    if (ticks.isEmpty()) {
      return List.of();
    }
    List<CronRun> runs = new ArrayList<>();
    var values = commands.hmget(keys[0], ticks.toArray(String[]::new));
    for (var value : values) {
      if (value.hasValue()) {
        runs.add(decode(jobId, value.getKey(), value.getValue()));
      }
    }
    return runs;
  }

  @Override
  public int prune(String jobId, Instant before) {
    Long removed =
        PRUNE.run(
            redis.commands(),
            ScriptOutputType.INTEGER,
            keys(jobId, "runs", "ticks"),
            millis(before));
    return removed.intValue();
  }

  @Override
  public void setPaused(String jobId, boolean paused) {
    String key = keys(jobId, "paused")[0];
    if (paused) {
      redis.commands().set(key, "1");
    } else {
      redis.commands().del(key);
    }
  }

  @Override
  public boolean isPaused(String jobId) {
    return redis.commands().exists(keys(jobId, "paused")[0]) == 1;
  }

  @Override
  public Health health() {
    return redis.health();
  }

  private String[] keys(String jobId, String... names) {
    String[] keys = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      keys[i] = prefix + ":{" + jobId + "}:" + names[i];
    }
    return keys;
  }

  private static String encode(
      RunStatus status, String started, String finished, String instance, String error) {
    return String.join(
        String.valueOf(SEPARATOR), status.name(), started, finished, clean(instance), error);
  }

  private static CronRun decode(String jobId, String tick, String value) {
    String[] parts = value.split(String.valueOf(SEPARATOR), 5);
    return new CronRun(
        jobId,
        Instant.ofEpochMilli(Long.parseLong(tick)),
        Instant.ofEpochMilli(Long.parseLong(parts[1])),
        parts[2].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(parts[2])),
        RunStatus.valueOf(parts[0]),
        parts.length < 5 || parts[4].isEmpty() ? null : parts[4],
        parts[3]);
  }

  private static String clean(String text) {
    return text == null ? "" : text.replace(SEPARATOR, ' ');
  }

  private static String millis(Instant instant) {
    return Long.toString(instant.toEpochMilli());
  }
}
