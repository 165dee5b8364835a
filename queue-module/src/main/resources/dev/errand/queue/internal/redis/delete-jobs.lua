--- @include "queue-keys"
-- Deletes jobs' hashes and logs (not their entries in the state sets), 250 jobs a DEL.
local function deleteJobs(ids)
  local keys, n = {}, 0
  for _, id in ipairs(ids) do
    keys[n + 1] = jobKey(id)
    keys[n + 2] = logsKey(id)
    n = n + 2
  end
  for at = 1, n, 500 do
    redis.call('DEL', unpack(keys, at, math.min(n, at + 499)))
  end
end

-- Deletes jobs and takes them out of the sorted set that holds them; returns how many.
local function deleteJobsIn(setKey, ids)
  if #ids > 0 then
    deleteJobs(ids)
    redis.call('ZREM', setKey, unpack(ids))
  end
  return #ids
end
