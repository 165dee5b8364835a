-- Deletes every key of a workflow.
-- KEYS: state (see workflow-keys)
-- ARGV: base
-- Returns: 1, or 0 when there was no such workflow
--- @include "workflow-keys"
if redis.call('EXISTS', stateKey) == 0 then
  return 0
end
local steps = redis.call('LRANGE', orderKey, 0, -1)
for from = 1, #steps, 500 do
  local keys = {}
  for i = from, math.min(from + 499, #steps) do
    keys[#keys + 1] = pendingKey(steps[i])
    keys[#keys + 1] = outKey(steps[i])
  end
  redis.call('DEL', unpack(keys))
end
redis.call('DEL', stateKey, orderKey, specKey, depsKey, callbacksKey, readyKey, resultKey,
  reasonKey, todoKey, atKey)
return 1
