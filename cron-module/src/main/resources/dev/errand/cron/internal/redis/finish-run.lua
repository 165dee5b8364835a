-- Records how a run ended and, if it is still the job's current run, clears the running key.
-- KEYS: runs, running
-- ARGV: tick, status, finishedMs, error
--- @include "run-record"
local old = redis.call('hget', KEYS[1], ARGV[1])
if old then
  local status, st, fin, inst = parseRun(old)
  redis.call('hset', KEYS[1], ARGV[1], runValue(ARGV[2], st, ARGV[3], inst, ARGV[4]))
end
local current = redis.call('get', KEYS[2])
if current and string.sub(current, 1, #ARGV[1] + 1) == ARGV[1] .. '|' then
  redis.call('del', KEYS[2])
end
return 1
