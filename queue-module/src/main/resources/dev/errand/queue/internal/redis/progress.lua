-- Records a running job's progress, if the worker still holds it, and tells event subscribers.
-- KEYS: wait delayed active completed failed dead marker seq paused
-- ARGV: base token id json
local key = ARGV[1] .. 'job:' .. ARGV[3]
local held = redis.call('HMGET', key, 'lk', 'n', 'a')
if held[1] == ARGV[2] then
  redis.call('HSET', key, 'pg', ARGV[4])
  local channel = ARGV[1] .. 'events'
  if redis.call('PUBSUB', 'NUMSUB', channel)[2] > 0 then
    redis.call('PUBLISH', channel,
      cjson.encode({{'p', ARGV[3], held[2] or '', tonumber(held[3] or '0'), ARGV[4]}}))
  end
  return 1
end
return 0
