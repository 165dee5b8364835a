-- Returns jobs a stopping worker still holds to waiting, without counting the run as an attempt.
-- KEYS: wait delayed active completed failed dead idle seq paused (named in queue-keys)
-- ARGV: base token id...
-- Returns: 0
--- @include "queue-keys"
--- @include "requeue-job"
--- @include "wake-worker"
--- @include "concurrency-caps"
local token = ARGV[2]
for i = 3, #ARGV do
  local id = ARGV[i]
  local key = jobKey(id)
  local job = redis.call('HMGET', key, 'lk', 'gc')
  if job[1] == token then
    redis.call('ZREM', activeKey, id)
    if job[2] then
      leftRunning(job[2], id)
    end
    redis.call('HDEL', key, 'lk')
    redis.call('HINCRBY', key, 'a', -1)
    requeueJob(id, key)
  end
end
if redis.call('ZCARD', waitKey) > 0 then
  wakeIdleWorkers()
end
return 0
