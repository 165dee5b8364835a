-- Marks ready steps whose jobs are in their queues as enqueued.
-- KEYS: state (see workflow-keys)
-- ARGV: base, step ids...
-- Returns: how many were ready
--- @include "workflow-keys"
local marked, count = {}, 0
for from = 2, #ARGV, 500 do
  local last = math.min(from + 499, #ARGV)
  local states = redis.call('HMGET', stateKey, unpack(ARGV, from, last))
  for k, s in ipairs(states) do
    if s == 'R' then
      marked[ARGV[from + k - 1]] = 'E'
      count = count + 1
    end
  end
end
hsetAll(stateKey, marked)
local ids = {}
for i = 2, #ARGV do
  ids[#ids + 1] = ARGV[i]
end
each('SREM', readyKey, ids)
return count
