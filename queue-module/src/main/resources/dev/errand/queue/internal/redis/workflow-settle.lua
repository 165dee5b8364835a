-- Records steps' outcomes, then passes finished steps' outcomes on to at most maxEdges dependents
-- (MemoryWorkflowStore follows the same rules). The rest stays in todo for the next call. It reads
-- what it needs in bulk (HMGET), decides in Lua and writes every change back in bulk at the end,
-- so an edge costs no Redis command of its own.
-- KEYS: state (see workflow-keys)
-- ARGV: base, maxEdges, then for each outcome: step, C completed or F failed, result JSON or
--   reason ('' for none)
-- Returns: {specs of the steps released, 1 if outcomes remain to pass on else 0}
--- @include "workflow-settle-function"
return settleWorkflow(KEYS, ARGV)
