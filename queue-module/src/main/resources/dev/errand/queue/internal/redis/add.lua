-- Adds jobs to one queue. A job with a caller-chosen id that already exists is not added again.
-- KEYS: wait delayed active completed failed dead marker seq paused
-- ARGV: base, unused, then per job: jobId name payload options priority delayMs group (7 values)
local base = ARGV[1]
-- Time comes from the server, so workers on hosts with skewed clocks agree on leases and order.
local serverTime = redis.call('TIME')
local now = tonumber(serverTime[1]) * 1000 + math.floor(tonumber(serverTime[2]) / 1000)
local nowText = string.format('%.0f', now)
local ids = {}
local waiting = {}
local signal = false
-- One sequence step per job, reserved in one call; sequence numbers order jobs of a priority.
local count = (#ARGV - 2) / 7
local seq = redis.call('INCRBY', KEYS[8], count) - count
for o = 3, #ARGV, 7 do
  seq = seq + 1
  local custom = ARGV[o]
  local id
  if custom ~= '' and redis.call('EXISTS', base .. 'job:' .. custom) == 1 then
    id = custom
  else
    if custom ~= '' then id = custom else id = string.format('%.0f', seq) end
    local priority = tonumber(ARGV[o + 4])
    -- Higher priority sorts first; within a priority, the order of adding.
    local score = string.format('%.0f', (1000 - priority) * 2199023255552 + seq)
    local delay = tonumber(ARGV[o + 5])
    local state = 'waiting'
    if delay > 0 then state = 'delayed' end
    -- Attempts ('a') and stalls ('sl') start absent, which reads as zero.
    local fields = {'n', ARGV[o + 1], 'd', ARGV[o + 2], 'p', ARGV[o + 4], 'sc', score,
      't', nowText, 's', state}
    if ARGV[o + 3] ~= '' then
      fields[#fields + 1] = 'o'
      fields[#fields + 1] = ARGV[o + 3]
    end
    if ARGV[o + 6] ~= '' then
      fields[#fields + 1] = 'g'
      fields[#fields + 1] = ARGV[o + 6]
    end
    redis.call('HSET', base .. 'job:' .. id, unpack(fields))
    if delay > 0 then
      redis.call('ZADD', KEYS[2], now + delay, id)
    else
      waiting[#waiting + 1] = score
      waiting[#waiting + 1] = id
    end
    signal = true
  end
  ids[#ids + 1] = id
end
-- One ZADD for the whole call, in chunks within Lua's limit on unpacked values.
for at = 1, #waiting, 1000 do
  redis.call('ZADD', KEYS[1], unpack(waiting, at, math.min(#waiting, at + 999)))
end
if signal and redis.call('LLEN', KEYS[7]) == 0 then
  redis.call('RPUSH', KEYS[7], '1')
end
return ids
