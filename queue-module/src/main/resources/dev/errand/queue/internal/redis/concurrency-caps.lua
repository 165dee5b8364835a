--- @include "queue-keys"
--- @include "requeue-job"
-- Concurrency caps: at most maxRunning leased jobs of the queue across processes (the active set
-- counts them), and at most groupRunning of each group. 'running:<group>' holds the ids leased under
-- the group's cap, scored by lease deadline like the active set: an outcome or an expired lease
-- removes an id, and one left behind (its job removed by an operator) stops counting when its
-- deadline passes. A job over its group's cap is parked: listed in 'parked:<group>' by its wait
-- score and put back in line as soon as a job of its group ends (unparkOne), or its lease expires.
-- It also waits as delayed, for RECHECK_MS, a safety net only: a short one would bring every
-- parked job of a long backlog back to be parked again each time. The job hash's 'gc' field names
-- the group of a job leased under a cap.
local RECHECK_MS = 30000
-- 'parked' counts the entries of every 'parked:<group>' of the queue, so a call that ends capped
-- jobs while none is parked (the common case) looks once, not once a job.
local parkedCountKey = base .. 'parked'
local anyParkedNow = nil

local function anyParked()
  if anyParkedNow == nil then
    anyParkedNow = tonumber(redis.call('GET', parkedCountKey) or '0') > 0
  end
  return anyParkedNow
end

local function runningKey(group)
  return base .. 'running:' .. group
end

-- How many jobs of group run now (leases not expired at nowText); clears expired ones at the cap.
local function groupRunningCount(group, nowText, cap)
  local key = runningKey(group)
  local count = redis.call('ZCOUNT', key, nowText, '+inf')
  if count >= cap then
    redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. nowText)
  end
  return count
end

-- Job id of group is leased under the group's cap until deadline.
local function markRunning(group, id, deadline)
  redis.call('ZADD', runningKey(group), deadline, id)
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
    redis.call('DECR', parkedCountKey)
    if redis.call('ZREM', delayedKey, first[1]) == 1 then
      requeueJob(first[1], jobKey(first[1]))
      return true
    end
  end
  return false
end

-- Job id of group no longer runs: its slot goes to the job parked first, if any. Returns whether
-- a parked job went back in line.
local function leftRunning(group, id)
  redis.call('ZREM', runningKey(group), id)
  return anyParked() and unparkOne(group)
end

-- Job id of group waits until a job of its group ends (or recheckMs, should that be missed).
local function park(group, id, key, now)
  local score = redis.call('HGET', key, 'sc') or '0'
  if redis.call('ZADD', base .. 'parked:' .. group, score, id) == 1 then
    redis.call('INCR', parkedCountKey)
  end
  anyParkedNow = true
  redis.call('ZADD', delayedKey, string.format('%d', now + RECHECK_MS), id)
  redis.call('HSET', key, 's', 'delayed')
end

