-- Extends the leases a worker still holds.
-- KEYS: wait delayed active completed failed dead idle seq paused (named in queue-keys)
-- ARGV: base token leaseMs id...
-- Returns: the ids the worker no longer holds
--- @include "queue-keys"
--- @include "server-time"
local token = ARGV[2]
local deadline = string.format('%d', serverTimeMillis() + tonumber(ARGV[3]))
local lost = {}
for i = 4, #ARGV do
  local id = ARGV[i]
  local job = redis.call('HMGET', jobKey(id), 'lk', 'gc')
  if job[1] == token then
    redis.call('ZADD', activeKey, 'XX', deadline, id)
    if job[2] then
      -- Leased under its group's cap (concurrency-caps): it goes on counting there.
      redis.call('ZADD', base .. 'running:' .. job[2], 'XX', deadline, id)
    end
  else
    lost[#lost + 1] = id
  end
end
return lost
