-- Takes over pending ticks whose lease ended: leases each again to the caller, in this one step so
-- that one caller takes each, and returns member and definition of each, flat.
-- KEYS: pending, pendingDefs
-- ARGV: nowMs, leaseUntilMs, limit
local expired = redis.call('zrangebyscore', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
local out = {}
for _, member in ipairs(expired) do
  local definition = redis.call('hget', KEYS[2], member)
  if definition then
    redis.call('zadd', KEYS[1], ARGV[2], member)
    table.insert(out, member)
    table.insert(out, definition)
  else
    redis.call('zrem', KEYS[1], member)
  end
end
return out
