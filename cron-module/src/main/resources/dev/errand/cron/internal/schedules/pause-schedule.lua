-- Pauses (ARGV[2] = '1') or resumes (ARGV[2] = '0', next tick in ARGV[3], '' for none) a schedule;
-- returns 0 when there is no such schedule.
-- KEYS: defs, next, state
-- ARGV: id, paused, nextMs
--- @include "schedule-state"
if redis.call('hexists', KEYS[1], ARGV[1]) == 0 then return 0 end
local paused, last, runs = readState(redis.call('hget', KEYS[3], ARGV[1]))
redis.call('hset', KEYS[3], ARGV[1], stateValue(ARGV[2], last, runs))
if ARGV[2] == '1' or ARGV[3] == '' then
  redis.call('zrem', KEYS[2], ARGV[1])
else
  redis.call('zadd', KEYS[2], ARGV[3], ARGV[1])
end
return 1
