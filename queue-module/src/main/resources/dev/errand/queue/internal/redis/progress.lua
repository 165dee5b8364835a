-- Records a running job's progress, if the worker still holds it.
-- KEYS: wait delayed active completed failed dead marker seq
-- ARGV: base token id json
local key = ARGV[1] .. 'job:' .. ARGV[3]
if redis.call('HGET', key, 'lk') == ARGV[2] then
  redis.call('HSET', key, 'pg', ARGV[4])
  return 1
end
return 0
