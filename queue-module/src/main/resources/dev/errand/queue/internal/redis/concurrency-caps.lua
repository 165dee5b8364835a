--- @include "queue-keys"
--- @include "requeue-job"
-- Concurrency caps: at most maxRunning leased jobs of the queue across processes (the active set
-- counts them), and at most groupRunning of each group. 'running:<group>' holds the ids leased
-- under the group's cap, checked against the active set whenever it is counted, so a job that
-- ended or whose lease expired (its worker died) stops counting by itself. A job over its group's
-- cap is parked: delayed for a while (recheckMs), listed in 'parked:<group>' by its wait score, and
-- put back in line as soon as a job of its group ends (unparkOne). The job hash's 'gc' field names
-- the group of a job leased under a cap.
local RECHECK_MS = 1000

-- How many jobs of group run now; leasedNow holds the ids this call leased, not yet in the active set.
local function groupRunningCount(group, leasedNow)
  local runKey = base .. 'running:' .. group
  local count = 0
  for _, id in ipairs(redis.call('SMEMBERS', runKey)) do
    if leasedNow[id] or redis.call('ZSCORE', activeKey, id) then
      count = count + 1
    else
      redis.call('SREM', runKey, id)
    end
  end
  return count
end

-- Job id of group is leased under the group's cap.
local function markRunning(group, id, key)
  redis.call('SADD', base .. 'running:' .. group, id)
  redis.call('HSET', key, 'gc', group)
end

-- Job id of group waits until a job of its group ends (or recheckMs, should that be missed).
local function park(group, id, key, now)
  local score = redis.call('HGET', key, 'sc') or '0'
  redis.call('ZADD', base .. 'parked:' .. group, score, id)
  redis.call('ZADD', delayedKey, string.format('%d', now + RECHECK_MS), id)
  redis.call('HSET', key, 's', 'delayed')
end

-- A job of group ended: the first job parked for the group, if still delayed, goes back in line.
-- Returns whether one did.
local function unparkOne(group)
  local parkedKey = base .. 'parked:' .. group
  for _ = 1, 10 do
    local first = redis.call('ZPOPMIN', parkedKey)
    if not first[1] then
      return false
    end
    if redis.call('ZREM', delayedKey, first[1]) == 1 then
      requeueJob(first[1], jobKey(first[1]))
      return true
    end
  end
  return false
end
