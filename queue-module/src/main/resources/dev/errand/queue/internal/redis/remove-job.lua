-- Deletes one job that is not running, from whichever state set holds it.
-- KEYS: wait delayed active completed failed dead idle seq paused (named in queue-keys)
-- ARGV: base id
-- Returns: 1, or 0 if the job is running or gone
--- @include "queue-keys"
--- @include "delete-jobs"
local id = ARGV[2]
if redis.call('ZSCORE', activeKey, id) or redis.call('EXISTS', jobKey(id)) == 0 then
  return 0
end
for _, set in ipairs({waitKey, delayedKey, completedKey, failedKey, deadKey}) do
  redis.call('ZREM', set, id)
end
deleteJobs({id})
return 1
