-- Deletes up to 1000 waiting jobs (delayed, running and finished ones stay).
-- KEYS: wait delayed active completed failed dead idle seq paused (named in queue-keys)
-- ARGV: base idPrefix
-- Returns: how many it deleted, then the deleted ids that start with idPrefix (none for '')
--- @include "queue-keys"
--- @include "delete-jobs"
local ids = redis.call('ZRANGE', waitKey, 0, 999)
local reply = {deleteJobsIn(waitKey, ids)}
local prefix = ARGV[2]
if prefix ~= '' then
  for _, id in ipairs(ids) do
    if string.sub(id, 1, #prefix) == prefix then
      reply[#reply + 1] = id
    end
  end
end
return reply
