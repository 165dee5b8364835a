-- Returns jobs a stopping worker still holds to waiting, without counting the run as an attempt.
-- KEYS: wait delayed active completed failed dead marker seq paused
-- ARGV: base token id...
local base = ARGV[1]
for i = 3, #ARGV do
  local id = ARGV[i]
  local key = base .. 'job:' .. id
  if redis.call('HGET', key, 'lk') == ARGV[2] then
    redis.call('ZREM', KEYS[3], id)
    redis.call('HDEL', key, 'lk')
    redis.call('HINCRBY', key, 'a', -1)
    redis.call('HSET', key, 's', 'waiting')
    redis.call('ZADD', KEYS[1], redis.call('HGET', key, 'sc'), id)
  end
end
if redis.call('ZCARD', KEYS[1]) > 0 and redis.call('LLEN', KEYS[7]) == 0 then
  redis.call('RPUSH', KEYS[7], '1')
end
return 0
