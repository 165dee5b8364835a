-- Extends the leases a worker still holds; returns the ids it no longer holds.
-- KEYS: wait delayed active completed failed dead marker seq paused
-- ARGV: base token leaseMs id...
local base = ARGV[1]
-- Time comes from the server, so workers on hosts with skewed clocks agree on leases and order.
local serverTime = redis.call('TIME')
local now = tonumber(serverTime[1]) * 1000 + math.floor(tonumber(serverTime[2]) / 1000)
local deadline = now + tonumber(ARGV[3])
local lost = {}
for i = 4, #ARGV do
  local id = ARGV[i]
  if redis.call('HGET', base .. 'job:' .. id, 'lk') == ARGV[2] then
    redis.call('ZADD', KEYS[3], 'XX', deadline, id)
  else
    lost[#lost + 1] = id
  end
end
return lost
