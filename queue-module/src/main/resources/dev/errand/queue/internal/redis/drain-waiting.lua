-- Deletes up to 1000 waiting jobs (delayed, running and finished ones stay).
-- KEYS: wait delayed active completed failed dead marker seq paused (named in queue-keys)
-- ARGV: base
-- Returns: how many it deleted
--- @include "queue-keys"
--- @include "delete-jobs"
local ids = redis.call('ZRANGE', waitKey, 0, 999)
if #ids > 0 then
  deleteJobs(ids)
  redis.call('ZREM', waitKey, unpack(ids))
end
return #ids
