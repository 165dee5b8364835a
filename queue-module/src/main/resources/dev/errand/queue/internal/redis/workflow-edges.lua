-- Part of workflow-settle: what a settle reads and writes of each step, and how one step's
-- outcome passes along one edge to a dependent (MemoryWorkflowStore follows the same rules). Uses
-- the keys of workflow-keys; the script writes what these tables collect back at its end.
-- What was read (false: no such field) and what is to be written, by step id.
local state, left, reason, level = {}, {}, {}, {}
local wasReady = {} -- steps that were ready (in the ready set) when this call read them
local stateOut, leftOut, reasonOut, levelOut, resultOut, reasonGone = {}, {}, {}, {}, {}, {}
local released = {}
local queue = {} -- steps whose outcome is to be passed on, oldest first

-- Reads the fields of ids not read yet into cache, one HMGET per 500.
local function load(key, cache, ids)
  local missing = {}
  for _, id in ipairs(ids) do
    if cache[id] == nil then
      cache[id] = false
      missing[#missing + 1] = id
    end
  end
  for from = 1, #missing, 500 do
    local values = redis.call('HMGET', key, unpack(missing, from, math.min(from + 499, #missing)))
    for k, value in ipairs(values) do
      cache[missing[from + k - 1]] = value
    end
  end
end
local function loadStates(ids)
  load(stateKey, state, ids)
  for _, id in ipairs(ids) do
    if state[id] == 'R' and wasReady[id] == nil then
      wasReady[id] = true
    end
  end
end
local function stateOf(id)
  if state[id] == nil then
    loadStates({id})
  end
  return state[id]
end
local function setState(id, s)
  state[id] = s
  stateOut[id] = s
end
local function setReason(id, why)
  reason[id] = why
  reasonOut[id] = why
  reasonGone[id] = nil
end
local function dropReason(id)
  reason[id] = false
  reasonOut[id] = nil
  reasonGone[id] = true
end
local function release(id)
  setState(id, 'R')
  released[#released + 1] = id
end
-- How many of id's dependencies are unresolved (see leftKey for how it is stored).
local function remaining(id)
  return (tonumber(left[id]) or 0) + 1
end
local function countOff(id)
  local n = remaining(id) - 1
  left[id] = n - 1
  leftOut[id] = n - 1
  return n
end

-- id's dependencies as lines of policy letter + step id.
local function dependencies(id)
  local lines = redis.call('HGET', depsKey, id)
  if lines then
    return lines
  end
  local spec = redis.call('HGET', specKey, id)
  if string.sub(spec, 1, 1) == '~' then
    -- The compact spec (StepCodec): its first line is the dependencies, separated by tabs.
    return (string.gsub(string.sub(spec, 2, string.find(spec, '\n', 1, true) - 1), '\t', '\n'))
  end
  -- A spec stored as JSON by an earlier version.
  local list = {}
  for _, dep in ipairs(cjson.decode(spec).deps) do
    list[#list + 1] = dep[2] .. dep[1]
  end
  return table.concat(list, '\n')
end

-- A step failed by a dependency waits again once none of its 'f' dependencies has failed.
local function reconsider(id)
  for line in string.gmatch(dependencies(id), '[^\n]+') do
    if string.sub(line, 1, 1) == 'f' then
      local s = stateOf(string.sub(line, 2))
      if s == 'F' or s == 'D' then
        return
      end
    end
  end
  dropReason(id)
  if remaining(id) <= 0 then
    release(id)
  else
    setState(id, 'W')
  end
  queue[#queue + 1] = id
end

-- Whether from's failure was counted off its dependents that let failures through already (see
-- outKey), read when first needed: only a failed step's outcome, or one that let a failure
-- through, asks. A finished step (C, S) is passed on once, as nothing changes it afterwards, so
-- its other edges need no such record.
local function failureCounted(from)
  if level[from] == nil then
    local now, before = unpack(redis.call('HMGET', outKey, COUNTED .. from, '#' .. from))
    if not now and before and string.find(before, '^%d+$') then
      now = before -- noted by an earlier version (see outKey)
    end
    level[from] = tonumber(now or '0')
  end
  return level[from] >= 1
end

-- Passes from's state on along one edge, counting each edge off once.
local function pass(from, fromState, entry)
  local policy = string.sub(entry, 1, 1)
  local to = string.sub(entry, 2)
  local toState = state[to]
  if toState == 'X' then
    return
  end
  local failed = fromState == 'F' or fromState == 'D'
  local done = fromState == 'C' or fromState == 'S'
  local lets = policy == 'i' or policy == 'p' -- lets a failure through
  local n = remaining(to)
  if policy == 'o' then
    if done then
      n = countOff(to)
      if toState == 'W' and n <= 0 then
        setState(to, 'S')
        queue[#queue + 1] = to
      end
    elseif failed and toState == 'W' then
      release(to)
    end
    return
  end
  if done or (failed and lets) then
    if not lets or not failureCounted(from) then
      n = countOff(to)
    end
    if toState == 'W' and n <= 0 then
      release(to)
    elseif toState == 'D' then
      reconsider(to)
    end
  elseif failed then
    if toState == 'W' then
      if reason[from] == nil then
        reason[from] = redis.call('HGET', reasonKey, from)
      end
      local why = reason[from] or ''
      if fromState == 'F' then
        why = "dependency '" .. from .. "' failed: " .. why
      end
      setState(to, 'D')
      setReason(to, why)
      queue[#queue + 1] = to
    end
  elseif toState == 'D' then
    reconsider(to)
  end
end
