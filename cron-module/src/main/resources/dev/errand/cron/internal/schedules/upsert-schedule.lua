-- Creates a schedule or replaces its definition, keeping its state but dropping the ticks claimed
-- ahead that have not started and are still after nowMs (the new definition decides the next tick);
-- indexes its next tick unless it is paused or has none.
-- KEYS: defs, ids, next, state, pending, pendingDefs
-- ARGV: id, definition, nextMs ('' for none), nowMs
--- @include "schedule-state"
redis.call('hset', KEYS[1], ARGV[1], ARGV[2])
redis.call('zadd', KEYS[2], 0, ARGV[1])
local current = redis.call('hget', KEYS[4], ARGV[1])
if current then
  current = dropAhead(KEYS[4], KEYS[5], KEYS[6], ARGV[1], current, tonumber(ARGV[4]))
else
  redis.call('hset', KEYS[4], ARGV[1], stateValue('0', '', 0))
end
local paused = readState(current)
if paused == '1' or ARGV[3] == '' then
  redis.call('zrem', KEYS[3], ARGV[1])
else
  redis.call('zadd', KEYS[3], ARGV[3], ARGV[1])
end
return 1
