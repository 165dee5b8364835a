-- Moves failed or dead jobs back to waiting with their attempts and stalls reset: one id, or with
-- id '*' up to 1000 of them.
-- KEYS: wait delayed active completed failed dead idle seq paused (named in queue-keys)
-- ARGV: base id
-- Returns: how many moved
--- @include "queue-keys"
--- @include "requeue-job"
--- @include "wake-worker"
local ids
if ARGV[2] == '*' then
  ids = redis.call('ZRANGE', failedKey, 0, 499)
  for _, id in ipairs(redis.call('ZRANGE', deadKey, 0, 499)) do
    ids[#ids + 1] = id
  end
else
  ids = {ARGV[2]}
end
local moved = 0
for _, id in ipairs(ids) do
  -- Both removes always run: a job listed in both sets (possible after a stall raced its own
  -- worker's failure) is moved, and counted, once.
  local listed = redis.call('ZREM', failedKey, id) + redis.call('ZREM', deadKey, id)
  if listed > 0 then
    local key = jobKey(id)
    redis.call('HSET', key, 'a', 0, 'sl', 0)
    redis.call('HDEL', key, 'ec', 'em', 'st', 'f')
    requeueJob(id, key)
    moved = moved + 1
  end
end
if moved > 0 then
  wakeIdleWorkers()
end
return moved
