-- Moves a failed or dead job back to waiting with its attempts reset. Returns 1, or 0 if the job
-- was neither failed nor dead.
-- KEYS: wait delayed active completed failed dead marker seq
-- ARGV: base id
local id = ARGV[2]
if redis.call('ZREM', KEYS[5], id) == 0 and redis.call('ZREM', KEYS[6], id) == 0 then
  return 0
end
local key = ARGV[1] .. 'job:' .. id
redis.call('HSET', key, 'a', 0, 'sl', 0, 's', 'waiting')
redis.call('HDEL', key, 'ec', 'em', 'st', 'f')
redis.call('ZADD', KEYS[1], redis.call('HGET', key, 'sc'), id)
if redis.call('LLEN', KEYS[7]) == 0 then
  redis.call('RPUSH', KEYS[7], '1')
end
return 1
