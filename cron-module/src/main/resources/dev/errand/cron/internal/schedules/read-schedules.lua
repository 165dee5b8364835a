-- Reads schedules: for each id, its definition, state and next tick (false where missing).
-- KEYS: defs, next, state
-- ARGV: ids
local out = {}
for _, id in ipairs(ARGV) do
  table.insert(out, redis.call('hget', KEYS[1], id))
  table.insert(out, redis.call('hget', KEYS[3], id))
  table.insert(out, redis.call('zscore', KEYS[2], id))
end
return out
