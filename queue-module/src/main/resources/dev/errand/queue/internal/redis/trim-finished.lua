--- @include "delete-jobs"
-- Retention of a finished set (completed, failed or dead jobs, scored by finish time): each
-- deletes at most 1000 jobs a call, so a large backlog is worked off over several calls instead
-- of blocking the server in one, and returns how many it deleted.

-- Deletes the jobs that finished before beforeText (ms, an integer as text).
local function deleteFinishedBefore(setKey, beforeText)
  return deleteJobsIn(setKey,
    redis.call('ZRANGEBYSCORE', setKey, '-inf', '(' .. beforeText, 'LIMIT', 0, 1000))
end

-- Deletes the oldest jobs beyond the newest keep.
local function deleteFinishedBeyond(setKey, keep)
  local excess = math.min(redis.call('ZCARD', setKey) - keep, 1000)
  if excess <= 0 then
    return 0
  end
  deleteJobs(redis.call('ZRANGE', setKey, 0, excess - 1))
  redis.call('ZREMRANGEBYRANK', setKey, 0, excess - 1)
  return excess
end
