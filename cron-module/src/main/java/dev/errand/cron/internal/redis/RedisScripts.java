package dev.errand.cron.internal.redis;

/**
 * The Lua scripts of {@link RedisCronStore}. A run is one hash field, keyed by its tick in epoch
 * milliseconds, whose value is {@code status, startedMs, finishedMs, instance, error} joined by the
 * ASCII unit separator (31). All keys of a job share the job's hash tag, so each script touches one
 * cluster slot.
 */
final class RedisScripts {

  private RedisScripts() {}

  static final String FIELDS = "'^([^\\31]*)\\31([^\\31]*)\\31([^\\31]*)\\31([^\\31]*)\\31'";

  /**
   * KEYS: runs, ticks, running, paused. ARGV: tick, now, staleMs, ignorePause, running record,
   * skipped record, stale error. The running key holds {@code tick|startedMs} of the job's current
   * run.
   */
  static final String CLAIM =
      """
      if ARGV[4] ~= '1' and redis.call('exists', KEYS[4]) == 1 then return 'PAUSED' end
      if redis.call('hexists', KEYS[1], ARGV[1]) == 1 then return 'TAKEN' end
      local current = redis.call('get', KEYS[3])
      if current then
        local sep = string.find(current, '|', 1, true)
        local tick = string.sub(current, 1, sep - 1)
        local started = tonumber(string.sub(current, sep + 1))
        if tonumber(ARGV[2]) - started < tonumber(ARGV[3]) then
          redis.call('hset', KEYS[1], ARGV[1], ARGV[6])
          redis.call('zadd', KEYS[2], ARGV[1], ARGV[1])
          return 'SKIPPED'
        end
        local old = redis.call('hget', KEYS[1], tick)
        if old then
          local status, st, fin, inst = string.match(old, %s)
          if status == 'RUNNING' then
            redis.call('hset', KEYS[1], tick,
              'FAILURE\\31' .. st .. '\\31' .. ARGV[2] .. '\\31' .. inst .. '\\31' .. ARGV[7])
          end
        end
      end
      redis.call('set', KEYS[3], ARGV[1] .. '|' .. ARGV[2])
      redis.call('hset', KEYS[1], ARGV[1], ARGV[5])
      redis.call('zadd', KEYS[2], ARGV[1], ARGV[1])
      return 'RUN'
      """
          .formatted(FIELDS);

  /** KEYS: runs, running. ARGV: tick, status, finishedMs, error. */
  static final String FINISH =
      """
      local old = redis.call('hget', KEYS[1], ARGV[1])
      if old then
        local status, st, fin, inst = string.match(old, %s)
        redis.call('hset', KEYS[1], ARGV[1],
          ARGV[2] .. '\\31' .. st .. '\\31' .. ARGV[3] .. '\\31' .. inst .. '\\31' .. ARGV[4])
      end
      local current = redis.call('get', KEYS[2])
      if current and string.sub(current, 1, #ARGV[1] + 1) == ARGV[1] .. '|' then
        redis.call('del', KEYS[2])
      end
      return 1
      """
          .formatted(FIELDS);

  /** KEYS: runs, ticks. ARGV: before (exclusive, ms). Keeps RUNNING runs. */
  static final String PRUNE =
      """
      local old = redis.call('zrangebyscore', KEYS[2], '-inf', '(' .. ARGV[1])
      local removed = 0
      for _, tick in ipairs(old) do
        local run = redis.call('hget', KEYS[1], tick)
        if not run or string.sub(run, 1, 8) ~= 'RUNNING\\31' then
          redis.call('hdel', KEYS[1], tick)
          redis.call('zrem', KEYS[2], tick)
          removed = removed + 1
        end
      end
      return removed
      """;
}
