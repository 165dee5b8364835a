-- Pauses (ARGV[2] = '1') or resumes (ARGV[2] = '0', next tick in ARGV[3], '' for none) a schedule;
-- pausing drops the ticks claimed ahead that have not started and are still after nowMs. Returns 0
-- when there is no such schedule.
-- KEYS: defs, next, state, pending, pendingDefs
-- ARGV: id, paused, nextMs, nowMs
--- @include "schedule-state"
if redis.call('hexists', KEYS[1], ARGV[1]) == 0 then return 0 end
local current = redis.call('hget', KEYS[3], ARGV[1])
if ARGV[2] == '1' then
  current = dropAhead(KEYS[3], KEYS[4], KEYS[5], ARGV[1], current, tonumber(ARGV[4]))
end
local paused, last, runs, ahead = readState(current)
redis.call('hset', KEYS[3], ARGV[1], stateValue(ARGV[2], last, runs, ahead))
if ARGV[2] == '1' or ARGV[3] == '' then
  redis.call('zrem', KEYS[2], ARGV[1])
else
  redis.call('zadd', KEYS[2], ARGV[3], ARGV[1])
end
return 1
