-- Moves one delayed job to waiting now.
-- KEYS: wait delayed active completed failed dead idle seq paused (named in queue-keys)
-- ARGV: base id
-- Returns: 1, or 0 if the job is not delayed
--- @include "queue-keys"
--- @include "requeue-job"
--- @include "wake-worker"
local id = ARGV[2]
if redis.call('ZREM', delayedKey, id) == 0 then
  return 0
end
requeueJob(id, jobKey(id))
wakeIdleWorkers()
return 1
