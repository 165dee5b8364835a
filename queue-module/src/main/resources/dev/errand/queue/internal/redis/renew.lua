-- Extends the leases a worker still holds; returns the ids it no longer holds.
-- KEYS: wait delayed active completed failed dead marker seq
-- ARGV: base token deadline id...
local base = ARGV[1]
local lost = {}
for i = 4, #ARGV do
  local id = ARGV[i]
  if redis.call('HGET', base .. 'job:' .. id, 'lk') == ARGV[2] then
    redis.call('ZADD', KEYS[3], 'XX', ARGV[3], id)
  else
    lost[#lost + 1] = id
  end
end
return lost
