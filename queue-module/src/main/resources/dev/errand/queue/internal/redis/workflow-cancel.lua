-- Cancels every unfinished step of a workflow.
-- KEYS: state (see workflow-keys)
-- ARGV: base
-- Returns: the specs of the steps that were ready or enqueued, whose jobs may be in queues
--- @include "workflow-keys"
local queued, cancelled = {}, {}
local states = redis.call('HGETALL', stateKey)
for i = 1, #states, 2 do
  local s = states[i + 1]
  if s == 'W' or s == 'R' or s == 'E' then
    cancelled[states[i]] = 'X'
    if s ~= 'W' then
      queued[#queued + 1] = states[i]
    end
  end
end
hsetAll(stateKey, cancelled)
redis.call('DEL', readyKey, todoKey, atKey)
return specsOf(queued)
