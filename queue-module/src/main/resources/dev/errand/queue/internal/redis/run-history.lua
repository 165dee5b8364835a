-- Part of acknowledge-and-fetch: the call's runs for the queue's per-minute history, counted as
-- outcomes are recorded and written once at the end. Uses the script's now, base, format and
-- ARGV[9] (historyMs).
-- This call's runs for the history, written with one command per distinct field at the end.
local ended, failedRuns, buckets = 0, 0, {}
local function countRun(failed, bucket)
  ended = ended + 1
  if failed then
    failedRuns = failedRuns + 1
  end
  if bucket ~= '' then
    buckets[bucket] = (buckets[bucket] or 0) + 1
  end
end

local function writeHistory()
  local keepMs = tonumber(ARGV[9])
  if ended == 0 or not keepMs or keepMs <= 0 then
    return
  end
  local minute = math.floor(now / 60000)
  local hour = math.floor(minute / 60)
  local m = format('%d', minute - hour * 60)
  local key = base .. 'history:' .. format('%d', hour)
  local minuteTotal = redis.call('HINCRBY', key, 'p' .. m, ended)
  if failedRuns > 0 then
    redis.call('HINCRBY', key, 'f' .. m, failedRuns)
  end
  for bucket, n in pairs(buckets) do
    redis.call('HINCRBY', key, m .. ':' .. bucket, n)
  end
  -- The hour's expiry, set by the minute's first write: once a minute, not once a call.
  if minuteTotal == ended then
    redis.call('PEXPIREAT', key, format('%d', (hour + 1) * 3600000 + keepMs))
  end
end
