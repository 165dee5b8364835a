-- Claims one tick of a cron job for this instance: runs it, skips it while an earlier run is still
-- going, or takes over from a run left RUNNING once its lease ran out (no renewal for leaseMs: its
-- instance died) or once it is older than staleMs (alive but hung).
-- All keys of a job share the job's hash tag, so the script touches one cluster slot.
-- KEYS: runs, ticks, running, paused
-- ARGV: tick, now, staleMs, ignorePause, running record, skipped record, stale error, leaseMs,
--       abandoned error
-- The running key holds 'tick|startedMs|renewedMs' of the job's current run (before leases it held
-- 'tick|startedMs'; the start then stands for the renewal).
--- @include "run-record"
if ARGV[4] ~= '1' and redis.call('exists', KEYS[4]) == 1 then return 'PAUSED' end
if redis.call('hexists', KEYS[1], ARGV[1]) == 1 then return 'TAKEN' end
local current = redis.call('get', KEYS[3])
if current then
  local tick, started, renewed = string.match(current, '^([^|]*)|([^|]*)|?([^|]*)$')
  started = tonumber(started)
  renewed = tonumber(renewed) or started
  local now = tonumber(ARGV[2])
  local reason = nil
  if now - renewed >= tonumber(ARGV[8]) then
    reason = ARGV[9]
  elseif now - started >= tonumber(ARGV[3]) then
    reason = ARGV[7]
  end
  if not reason then
    redis.call('hset', KEYS[1], ARGV[1], ARGV[6])
    redis.call('zadd', KEYS[2], ARGV[1], ARGV[1])
    return 'SKIPPED'
  end
  local old = redis.call('hget', KEYS[1], tick)
  if old then
    local status, st, fin, inst = parseRun(old)
    if status == 'RUNNING' then
      redis.call('hset', KEYS[1], tick, runValue('FAILURE', st, ARGV[2], inst, reason))
    end
  end
end
redis.call('set', KEYS[3], ARGV[1] .. '|' .. ARGV[2] .. '|' .. ARGV[2])
redis.call('hset', KEYS[1], ARGV[1], ARGV[5])
redis.call('zadd', KEYS[2], ARGV[1], ARGV[1])
return 'RUN'
