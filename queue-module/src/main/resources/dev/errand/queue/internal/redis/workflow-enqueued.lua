-- Marks ready steps whose jobs are in their queues as enqueued.
-- KEYS: state (see workflow-keys)
-- ARGV: base, step ids...
-- Returns: how many were ready
--- @include "workflow-keys"
local marked = 0
for i = 2, #ARGV do
  if redis.call('HGET', stateKey, ARGV[i]) == 'R' then
    redis.call('HSET', stateKey, ARGV[i], 'E')
    marked = marked + 1
  end
  redis.call('SREM', readyKey, ARGV[i])
end
return marked
