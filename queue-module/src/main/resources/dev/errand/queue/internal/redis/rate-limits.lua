--- @include "queue-keys"
-- Rate limits count started jobs in fixed windows that begin with their first job: one window for
-- the queue (key 'limiter') and one for each group of jobs ('limiter:<group>'). Limits come as ''
-- (none) or 'queueMax:queueWindowMs:groupMax:groupWindowMs[:maxRunning:groupRunning]', where a max
-- of 0 is no limit; the last two are the concurrency caps (concurrency-caps).
local limiterKey = base .. 'limiter'

-- Returns queueMax, queueWindowMs, groupMax, groupWindowMs, maxRunning, groupRunning.
local function parseLimits(limits)
  if limits == '' then
    return 0, 0, 0, 0, 0, 0
  end
  local parts = {}
  for part in string.gmatch(limits, '[^:]+') do
    parts[#parts + 1] = tonumber(part)
  end
  return parts[1], parts[2], parts[3], parts[4], parts[5] or 0, parts[6] or 0
end

-- How many of max jobs the queue's window still allows; when none, also the ms until it ends.
local function queueAllows(max, queueMax)
  if queueMax == 0 then
    return max, -1
  end
  local used = tonumber(redis.call('GET', limiterKey) or '0')
  if used >= queueMax then
    return 0, math.max(0, redis.call('PTTL', limiterKey))
  end
  return math.min(max, queueMax - used), -1
end

-- Counts started jobs in the queue's window. Returns the ms until the window ends if it is now
-- full, else -1.
local function countStarted(started, queueMax, queueWindow)
  if queueMax == 0 or started == 0 then
    return -1
  end
  local used = redis.call('INCRBY', limiterKey, started)
  if used == started then
    redis.call('PEXPIRE', limiterKey, queueWindow)
  end
  if used >= queueMax then
    return math.max(0, redis.call('PTTL', limiterKey))
  end
  return -1
end

-- Counts a job in its group's window if the window allows it. Returns true, or false and the ms
-- until the group's window ends.
local function groupAllows(group, groupMax, groupWindow)
  local groupKey = limiterKey .. ':' .. group
  local used = redis.call('INCR', groupKey)
  if used == 1 then
    redis.call('PEXPIRE', groupKey, groupWindow)
  end
  if used <= groupMax then
    return true
  end
  redis.call('DECR', groupKey)
  return false, math.max(1, redis.call('PTTL', groupKey))
end
