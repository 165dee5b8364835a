-- The keys of one workflow, all under its hash tag ({wf-id}), so a workflow script touches one
-- Redis Cluster slot. KEYS[1] is the workflow's state hash; the others are named from ARGV[1].
-- A workflow is a fixed set of keys whatever its size: no key per step, so storing and deleting
-- one is a few commands, and the scripts read and write many steps per command.
local stateKey = KEYS[1] -- hash: step id -> W waiting, R ready, E enqueued, C completed,
-- F failed, D failed by a dependency, X cancelled, S skipped (ran only on a failure; none came)
local wfBase = ARGV[1] -- the prefix of every key of the workflow, e.g. 'errand:wf:{42}:'
local orderKey = wfBase .. 'order' -- list: step ids in the order added
local specKey = wfBase .. 'spec' -- hash: step id -> the step (StepCodec): '~', its dependencies
-- (letter + id, tab-separated), a newline, then fields only Java reads; JSON from older versions
local depsKey = wfBase .. 'deps' -- hash: batch callback step id -> lines of policy letter
-- (f/i/p/o) + dependency (a callback's dependencies grow; other steps' are in their spec)
local callbacksKey = wfBase .. 'callbacks' -- hash: batch callback step id -> its policy letter
local readyKey = wfBase .. 'ready' -- set: steps released and maybe not yet in their queues
local leftKey = wfBase .. 'left' -- hash: step id -> how many of its dependencies are unresolved,
-- less one (no field: one), kept while the step waits (W or D)
local outKey = wfBase .. 'out' -- hash: step id -> lines of policy letter + id of each step
-- waiting for it; and COUNTED .. step id -> 1 once its failure was counted off the 'left' of its
-- dependents that let failures through, so that a step failed then retried to completion counts
-- each edge once. A step id holds no control character, so no such field is a step's. (Versions
-- before named it '#' .. step id, which a step named so could hold; its value, a number, tells such
-- a note from a step's lines, which start with a letter. Earlier still, 2 for a finished step.)
local COUNTED = '\1'
local resultKey = wfBase .. 'result' -- hash: step id -> result JSON of a completed step; in a
-- workflow of more than TABLE_STEPS steps also TABLE_FIELD (see asHashTables)
local reasonKey = wfBase .. 'reason' -- hash: step id -> why it failed
local todoKey = wfBase .. 'todo' -- list: steps whose outcome is still to be passed on
local atKey = wfBase .. 'at' -- string: 'offset:state' of the head of todo, when partly passed on

-- Redis keeps a hash of at most hash-max-listpack-entries (128 by default, 512 in many setups)
-- short fields as one flat listpack, where writing a field walks every field before it. A large
-- workflow's hashes would cost Redis time that grows with their size on every write: in a 1 ->
-- 1,000 -> 1 workflow its results, written a few at a time as its steps finish, and its states,
-- stored in chunks of 500, cost the middle steps' settles a quarter and the create more than a
-- quarter of their time (scripts/bench-workflows settle). A field whose value is longer than
-- hash-max-listpack-value (64) turns a hash into a hash table, which it stays when the field goes
-- again; Redis would only turn it once past the limit. A step id holds no control character, so
-- TABLE_FIELD names no step.
local TABLE_STEPS = 128
local TABLE_FIELD = '\t'
local TABLE_VALUE = string.rep('~', 129)
-- Makes the workflow's hashes of up to one field per step hash tables before a large write: state,
-- spec, out and left while their fields are written, after which the caller drops the field again
-- (a hash table stays one); result for good, since nothing is written to it until steps finish,
-- and a hash that no field is left in is deleted.
local TABLE_KEYS = {stateKey, specKey, outKey, leftKey}
local function asHashTables()
  for _, key in ipairs(TABLE_KEYS) do
    redis.call('HSET', key, TABLE_FIELD, TABLE_VALUE)
  end
  redis.call('HSET', resultKey, TABLE_FIELD, TABLE_VALUE)
end
local function dropTableFields()
  for _, key in ipairs(TABLE_KEYS) do
    redis.call('HDEL', key, TABLE_FIELD)
  end
end

-- Writes fields (a table id -> value) with one HSET per 500 pairs.
local function hsetAll(key, fields)
  local args = {}
  for id, value in pairs(fields) do
    args[#args + 1] = id
    args[#args + 1] = value
  end
  for from = 1, #args, 1000 do
    redis.call('HSET', key, unpack(args, from, math.min(from + 999, #args)))
  end
end

-- Runs command (SADD, SREM, HDEL) on key with members, one call per 500.
local function each(command, key, members)
  for from = 1, #members, 500 do
    redis.call(command, key, unpack(members, from, math.min(from + 499, #members)))
  end
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
