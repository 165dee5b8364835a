-- Adds jobs to one queue. A job with a caller-chosen id that already exists is not added again.
-- KEYS: wait delayed active completed failed dead marker seq paused
-- ARGV: base, job count, call id, call memory ms, then groups of jobs that share everything but
-- id and payload: n name options priority delayMs group, then jobId payload for each of the n jobs
local base = ARGV[1]
-- A client that loses its connection sends unanswered commands again once it reconnects. The
-- call id makes the second run return the first run's ids instead of adding the jobs twice.
local callKey = base .. 'call:' .. ARGV[3]
local earlier = redis.call('GET', callKey)
if earlier then
  if string.sub(earlier, 1, 1) ~= 'r' then
    return cjson.decode(earlier)
  end
  -- 'r<first>:<n>': the call's ids were the n sequence numbers from first on.
  local colon = string.find(earlier, ':', 2, true)
  local first, n = tonumber(string.sub(earlier, 2, colon - 1)), tonumber(string.sub(earlier, colon + 1))
  local again = {}
  for k = 0, n - 1 do again[#again + 1] = string.format('%.0f', first + k) end
  return again
end
-- Time comes from the server, so workers on hosts with skewed clocks agree on leases and order.
local serverTime = redis.call('TIME')
local now = tonumber(serverTime[1]) * 1000 + math.floor(tonumber(serverTime[2]) / 1000)
local nowText = string.format('%.0f', now)
local ids = {}
local waiting = {}
local signal = false
-- One sequence step per job, reserved in one call; sequence numbers order jobs of a priority.
local count = tonumber(ARGV[2])
local seq = redis.call('INCRBY', KEYS[8], count) - count
local firstSeq = seq + 1
local allGenerated = true

local function add(custom, name, payload, options, priority, delay, group)
  seq = seq + 1
  if custom ~= '' then allGenerated = false end
  if custom ~= '' and redis.call('EXISTS', base .. 'job:' .. custom) == 1 then
    return custom
  end
  local id = custom
  if id == '' then id = string.format('%.0f', seq) end
  -- Higher priority sorts first; within a priority, the order of adding.
  local score = string.format('%.0f', (1000 - priority) * 2199023255552 + seq)
  local state = 'waiting'
  if delay > 0 then state = 'delayed' end
  -- Attempts ('a') and stalls ('sl') start absent, which reads as zero.
  local fields = {'n', name, 'd', payload, 'p', priority, 'sc', score, 't', nowText, 's', state}
  if options ~= '' then
    fields[#fields + 1] = 'o'
    fields[#fields + 1] = options
  end
  if group ~= '' then
    fields[#fields + 1] = 'g'
    fields[#fields + 1] = group
  end
  redis.call('HSET', base .. 'job:' .. id, unpack(fields))
  if delay > 0 then
    redis.call('ZADD', KEYS[2], now + delay, id)
  else
    waiting[#waiting + 1] = score
    waiting[#waiting + 1] = id
  end
  signal = true
  return id
end

local i = 5
while i <= #ARGV do
  local n, name, options = tonumber(ARGV[i]), ARGV[i + 1], ARGV[i + 2]
  local priority, delay, group = tonumber(ARGV[i + 3]), tonumber(ARGV[i + 4]), ARGV[i + 5]
  for j = i + 6, i + 5 + 2 * n, 2 do
    ids[#ids + 1] = add(ARGV[j], name, ARGV[j + 1], options, priority, delay, group)
  end
  i = i + 6 + 2 * n
end
-- One ZADD for the whole call, in chunks within Lua's limit on unpacked values.
for at = 1, #waiting, 1000 do
  redis.call('ZADD', KEYS[1], unpack(waiting, at, math.min(#waiting, at + 999)))
end
if signal and redis.call('LLEN', KEYS[7]) == 0 then
  redis.call('RPUSH', KEYS[7], '1')
end
-- Remembered compactly when every id came from the sequence, the common case.
if allGenerated then
  redis.call('SET', callKey, 'r' .. string.format('%.0f', firstSeq) .. ':' .. #ids, 'PX', ARGV[4])
else
  redis.call('SET', callKey, cjson.encode(ids), 'PX', ARGV[4])
end
return ids
