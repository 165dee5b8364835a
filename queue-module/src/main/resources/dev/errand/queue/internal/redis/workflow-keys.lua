-- The keys of one workflow, all under its hash tag ({wf-id}), so a workflow script touches one
-- Redis Cluster slot. KEYS[1] is the workflow's state hash; the others are named from ARGV[1].
local stateKey = KEYS[1] -- hash: step id -> W waiting, R ready, E enqueued, C completed,
-- F failed, D failed by a dependency, X cancelled, S skipped (ran only on a failure; none came)
local wfBase = ARGV[1] -- the prefix of every key of the workflow, e.g. 'errand:wf:{42}:'
local orderKey = wfBase .. 'order' -- list: step ids in the order added
local specKey = wfBase .. 'spec' -- hash: step id -> the step as JSON (read by Java only)
local depsKey = wfBase .. 'deps' -- hash: step id -> JSON [[dependency, policy f/i/p], ...]
local callbacksKey = wfBase .. 'callbacks' -- hash: batch callback step id -> its policy letter
local readyKey = wfBase .. 'ready' -- set: steps released and maybe not yet in their queues
local resultKey = wfBase .. 'result' -- hash: step id -> result JSON of a completed step
local reasonKey = wfBase .. 'reason' -- hash: step id -> why it failed
local todoKey = wfBase .. 'todo' -- list: steps whose outcome is still to be passed on
local atKey = wfBase .. 'at' -- string: how far the head of todo has been passed on
local function pendingKey(id) -- set: the dependencies a step still waits for
  return wfBase .. 'pending:' .. id
end
local function outKey(id) -- list: policy letter + id of each step waiting for this one
  return wfBase .. 'out:' .. id
end
-- The specs of the steps named in ids, read in chunks (unpack has a limit on its arguments).
local function specsOf(ids)
  local specs = {}
  for from = 1, #ids, 500 do
    local chunk = redis.call('HMGET', specKey, unpack(ids, from, math.min(from + 499, #ids)))
    for _, spec in ipairs(chunk) do
      specs[#specs + 1] = spec
    end
  end
  return specs
end
