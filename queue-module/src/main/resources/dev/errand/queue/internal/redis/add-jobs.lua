-- Adds jobs to one queue. A job with a caller-chosen id that already exists is not added again.
-- KEYS: wait delayed active completed failed dead idle seq paused (named in queue-keys)
-- ARGV: base, job count, call id, call memory ms, then groups of jobs that share everything but
-- id and payload: n name options priority delayMs group dedupMode dedupKey dedupWindowMs, then
-- jobId payload for each of the n jobs ('' for no options, no group, no deduplication, or an id from
-- the queue's sequence). dedupMode: t throttle, d debounce (the job then falls due dedupWindowMs
-- after the add, whatever delayMs says), u while unfinished (dedup-jobs).
-- Returns: the jobs' ids, in order
--- @include "queue-keys"
--- @include "server-time"
--- @include "wake-worker"
--- @include "sorted-set-batch"
--- @include "dedup-jobs"
--- @include "job-fields"
local format = string.format
local jobCount, callId, callMemory = tonumber(ARGV[2]), ARGV[3], ARGV[4]

-- A client that loses its connection sends unanswered commands again once it reconnects. The
-- call id makes the second run return the first run's ids instead of adding the jobs twice. They
-- are remembered as 'r<first>:<n>' when they were the n sequence numbers from first on (the
-- common case), else as a JSON array.
local callKey = base .. 'call:' .. callId

local function earlierIds()
  local earlier = redis.call('GET', callKey)
  if not earlier then
    return nil
  end
  if string.sub(earlier, 1, 1) ~= 'r' then
    return cjson.decode(earlier)
  end
  local colon = string.find(earlier, ':', 2, true)
  local first, n = tonumber(string.sub(earlier, 2, colon - 1)), tonumber(string.sub(earlier, colon + 1))
  local ids = {}
  for k = 1, n do
    ids[k] = format('%d', first + k - 1)
  end
  return ids
end

local earlier = earlierIds()
if earlier then
  return earlier
end

local now = serverTimeMillis()
local nowText = format('%d', now)
-- One sequence step per job, reserved at once; sequence numbers order jobs of a priority.
local seq = redis.call('INCRBY', seqKey, jobCount) - jobCount
local firstSeq = seq + 1
local ids, idCount = {}, 0
local waiting = newBatch(waitKey)
local allGenerated = true
local stored = false

-- Stores the n jobs of the group whose header starts at ARGV[at]; returns where the next starts.
local function addGroup(at)
  local n, name, options, priority = tonumber(ARGV[at]), ARGV[at + 1], ARGV[at + 2], ARGV[at + 3]
  local delay, group = tonumber(ARGV[at + 4]), ARGV[at + 5]
  local dedupMode, dedupKey, dedupWindow = ARGV[at + 6], ARGV[at + 7], ARGV[at + 8]
  local state, due = 'waiting', nil
  if dedupMode == 'd' then
    -- A debounced job falls due when its window, started by this add, has passed.
    delay = tonumber(dedupWindow)
  end
  if delay > 0 then
    state, due = 'delayed', format('%d', now + delay)
  end
  local scoreBase = waitScoreBase(priority)
  -- One field list for the group; each job fills in its payload and score.
  local fields = newJobFields(name, options, priority, group, state, nowText)
  if dedupMode == 'u' then
    -- So that its end lets the key go (acknowledge-and-fetch).
    fields[#fields + 1] = 'dk'
    fields[#fields + 1] = dedupKey
  end
  for j = at + 9, at + 8 + 2 * n, 2 do
    seq = seq + 1
    local id = ARGV[j]
    local standing = nil
    if dedupMode ~= '' then
      standing = standingJob(dedupMode, dedupKey, dedupWindow, name, ARGV[j + 1], options,
        due)
    end
    if standing or id ~= '' then
      allGenerated = false
    end
    if standing then
      id = standing
    elseif id == '' then
      id = format('%d', seq)
    end
    idCount = idCount + 1
    ids[idCount] = id
    local key = jobKey(id)
    if standing then
      -- Deduplicated: the standing job answers for this add.
    elseif ARGV[j] == '' or redis.call('EXISTS', key) == 0 then
      if dedupMode ~= '' then
        keepStanding(dedupMode, dedupKey, dedupWindow, id)
      end
      stored = true
      local score = format('%d', scoreBase + seq)
      fields[2], fields[4] = ARGV[j + 1], score
      redis.call('HSET', key, unpack(fields))
      if due then
        redis.call('ZADD', delayedKey, due, id)
      else
        batchPut(waiting, score, id)
      end
    end
  end
  return at + 9 + 2 * n
end

local at = 5
while at <= #ARGV do
  at = addGroup(at)
end
addBatch(waiting)
if stored then
  wakeIdleWorkers()
end
if allGenerated then
  redis.call('SET', callKey, 'r' .. format('%d', firstSeq) .. ':' .. idCount, 'PX', callMemory)
else
  redis.call('SET', callKey, cjson.encode(ids), 'PX', callMemory)
end
return ids
