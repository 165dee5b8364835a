-- Moves failed or dead jobs back to waiting with their attempts reset: one id, or with id '*' up
-- to 1000 of them. Returns how many moved.
-- KEYS: wait delayed active completed failed dead marker seq paused
-- ARGV: base id
local ids = {}
if ARGV[2] == '*' then
  ids = redis.call('ZRANGE', KEYS[5], 0, 499)
  for _, id in ipairs(redis.call('ZRANGE', KEYS[6], 0, 499)) do ids[#ids + 1] = id end
else
  ids = {ARGV[2]}
end
local moved = 0
for _, id in ipairs(ids) do
  if redis.call('ZREM', KEYS[5], id) == 1 or redis.call('ZREM', KEYS[6], id) == 1 then
    local key = ARGV[1] .. 'job:' .. id
    redis.call('HSET', key, 'a', 0, 'sl', 0, 's', 'waiting')
    redis.call('HDEL', key, 'ec', 'em', 'st', 'f')
    redis.call('ZADD', KEYS[1], redis.call('HGET', key, 'sc'), id)
    moved = moved + 1
  end
end
if moved > 0 and redis.call('LLEN', KEYS[7]) == 0 then
  redis.call('RPUSH', KEYS[7], '1')
end
return moved
