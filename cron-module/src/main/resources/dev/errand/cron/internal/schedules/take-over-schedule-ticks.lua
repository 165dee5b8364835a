-- Takes over pending ticks whose lease ended: leases each again to the caller, in this one step so
-- that one caller takes each, counts the run of each claimed ahead that its claimer never started,
-- and returns member and definition of each, flat.
-- KEYS: pending, pendingDefs, state
-- ARGV: nowMs, leaseUntilMs, limit
--- @include "schedule-state"
local expired = redis.call('zrangebyscore', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
local out = {}
for _, member in ipairs(expired) do
  local definition = redis.call('hget', KEYS[2], member)
  if definition then
    redis.call('zadd', KEYS[1], ARGV[2], member)
    table.insert(out, member)
    table.insert(out, definition)
    local at = string.find(member, '@[^@]*$')
    local id, tick = string.sub(member, 1, at - 1), string.sub(member, at + 1)
    local started = startedState(redis.call('hget', KEYS[3], id), tick)
    if started then
      redis.call('hset', KEYS[3], id, started)
    end
  else
    redis.call('zrem', KEYS[1], member)
  end
end
return out
