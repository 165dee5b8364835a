-- Reads schedules: for each id, its definition, state and next tick (false where missing), each
-- key read once for all ids.
-- KEYS: defs, next, state
-- ARGV: ids (at most 1000)
local definitions = redis.call('hmget', KEYS[1], unpack(ARGV))
local states = redis.call('hmget', KEYS[3], unpack(ARGV))
local scores = redis.call('zmscore', KEYS[2], unpack(ARGV))
local out = {}
for k = 1, #ARGV do
  out[3 * k - 2], out[3 * k - 1], out[3 * k] = definitions[k], states[k], scores[k]
end
return out
