-- Records a running job's progress, if the worker still holds it, and tells event subscribers.
-- KEYS: wait delayed active completed failed dead idle seq paused (named in queue-keys)
-- ARGV: base token id json
-- Returns: 1, or 0 if the worker no longer holds the job
--- @include "queue-keys"
--- @include "job-events"
local token, id, progress = ARGV[2], ARGV[3], ARGV[4]
local key = jobKey(id)
local held = redis.call('HMGET', key, 'lk', 'n', 'a')
if held[1] ~= token then
  return 0
end
redis.call('HSET', key, 'pg', progress)
if anyoneListening() then
  publishEvents({{'p', id, held[2] or '', tonumber(held[3] or '0'), progress}})
end
return 1
