-- Pauses a queue (workers lease nothing from it) or resumes it, waking a worker if jobs wait.
-- KEYS: wait delayed active completed failed dead idle seq paused (named in queue-keys)
-- ARGV: base paused(1|0)
-- Returns: 1
--- @include "queue-keys"
--- @include "wake-worker"
if ARGV[2] == '1' then
  redis.call('SET', pausedKey, '1')
else
  redis.call('DEL', pausedKey)
  if redis.call('ZCARD', waitKey) > 0 then
    wakeIdleWorkers()
  end
end
return 1
