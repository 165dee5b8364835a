-- Adds jobs to one queue. A job with a caller-chosen id that already exists is not added again.
-- KEYS: wait delayed active completed failed dead marker seq
-- ARGV: base, unused, then per job: jobId name payload options priority delayMs (6 values)
local base = ARGV[1]
-- Time comes from the server, so workers on hosts with skewed clocks agree on leases and order.
local serverTime = redis.call('TIME')
local now = tonumber(serverTime[1]) * 1000 + math.floor(tonumber(serverTime[2]) / 1000)
local nowText = string.format('%.0f', now)
local ids = {}
local signal = false
for o = 3, #ARGV, 6 do
  local custom = ARGV[o]
  local id
  if custom ~= '' and redis.call('EXISTS', base .. 'job:' .. custom) == 1 then
    id = custom
  else
    local seq = redis.call('INCR', KEYS[8])
    if custom ~= '' then id = custom else id = tostring(seq) end
    local priority = tonumber(ARGV[o + 4])
    -- Higher priority sorts first; within a priority, the order of adding.
    local score = string.format('%.0f', (1000 - priority) * 2199023255552 + seq)
    local delay = tonumber(ARGV[o + 5])
    local runAt = now + delay
    local key = base .. 'job:' .. id
    local state = 'waiting'
    if delay > 0 then state = 'delayed' end
    redis.call('HSET', key, 'n', ARGV[o + 1], 'd', ARGV[o + 2], 'p', ARGV[o + 4], 'sc', score,
      't', nowText, 'a', 0, 'sl', 0, 's', state)
    if ARGV[o + 3] ~= '' then redis.call('HSET', key, 'o', ARGV[o + 3]) end
    if delay > 0 then
      redis.call('ZADD', KEYS[2], runAt, id)
    else
      redis.call('ZADD', KEYS[1], score, id)
    end
    signal = true
  end
  ids[#ids + 1] = id
end
if signal and redis.call('LLEN', KEYS[7]) == 0 then
  redis.call('RPUSH', KEYS[7], '1')
end
return ids
