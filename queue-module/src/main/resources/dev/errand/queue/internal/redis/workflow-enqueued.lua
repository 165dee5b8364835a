-- Marks ready steps whose jobs are in their queues as enqueued.
-- KEYS: state (see workflow-keys)
-- ARGV: base, step ids...
-- Returns: how many were ready
--- @include "workflow-keys"
--- @include "workflow-mark-enqueued"
local ids = {}
for i = 2, #ARGV do
  ids[#ids + 1] = ARGV[i]
end
return markEnqueued(stateKey, readyKey, ids)
