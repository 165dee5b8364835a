-- Deletes every key of a workflow.
-- KEYS: state (see workflow-keys)
-- ARGV: base
-- Returns: 1, or 0 when there was no such workflow
--- @include "workflow-keys"
if redis.call('EXISTS', stateKey) == 0 then
  return 0
end
redis.call('DEL', stateKey, orderKey, specKey, depsKey, callbacksKey, leftKey, outKey, readyKey, resultKey,
  reasonKey, todoKey, atKey)
return 1
