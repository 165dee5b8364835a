-- Asks the worker running a job to cancel it, through the queue's cancel channel.
-- KEYS: wait delayed active completed failed dead idle seq paused (named in queue-keys)
-- ARGV: base id
-- Returns: 1, or 0 if the job is not running
--- @include "queue-keys"
local id = ARGV[2]
if not redis.call('ZSCORE', activeKey, id) then
  return 0
end
redis.call('PUBLISH', base .. 'cancel', id)
return 1
