-- Part of workflow-settle and of acknowledge-and-fetch, which on a single server settles workflow
-- steps in the call that acknowledges their jobs: the settle as a function of the workflow-settle
-- script's KEYS and ARGV (see there), which shadow the calling script's own, so that one script can
-- settle several workflows.
local function settleWorkflow(KEYS, ARGV)
--- @include "workflow-keys"
  if redis.call('EXISTS', stateKey) == 0 then
    return {{}, 0}
  end

--- @include "workflow-edges"

  -- Outcomes of earlier calls not yet passed on come first: up to one per edge of the budget.
  local budget = tonumber(ARGV[2])
  local stored = redis.call('LRANGE', todoKey, 0, budget)
  for _, id in ipairs(stored) do
    queue[#queue + 1] = id
  end
  local at, atState = 0, nil
  if #stored > 0 then
    local saved = redis.call('GET', atKey)
    if saved then
      local colon = string.find(saved, ':', 1, true)
      if colon then
        at, atState = tonumber(string.sub(saved, 1, colon - 1)), string.sub(saved, colon + 1)
      else
        at = tonumber(saved)
      end
    end
  end

  -- Records each outcome; one recorded already means a step ran again after a crash, and the steps
  -- a crash may have left ready go out again.
  local redo = false
  local recorded = {}
  for i = 3, #ARGV, 3 do
    recorded[#recorded + 1] = ARGV[i]
  end
  loadStates(recorded)
  for i = 3, #ARGV, 3 do
    local step, outcome, value = ARGV[i], ARGV[i + 1], ARGV[i + 2]
    local now = state[step]
    if now and now ~= 'X' then
      if now == 'C' or (outcome == 'F' and now == 'F') then
        redo = true
      else
        setState(step, outcome)
        if outcome == 'C' then
          -- Only a failed step has a reason to drop: a released one (R, E) has none.
          if now ~= 'R' and now ~= 'E' then
            dropReason(step)
          end
          if value ~= '' then
            resultOut[step] = value
          end
        else
          setReason(step, value)
        end
        queue[#queue + 1] = step
      end
    end
  end

  -- The dependents' lines (false: none) of ids not read yet, one HMGET per 500 ids: a fan-in's
  -- finished steps cost one command a batch, not one each. Lines never change here.
  local outLines = {}
  local function loadOut(ids)
    load(outKey, outLines, ids)
  end
  loadOut(queue)

  -- Dependents' lines split into entries, by their text: the steps of a fan-in share one text, so
  -- it is split once a call. The entries are only read.
  local split = {}
  local NONE = {}
  local function entriesOf(lines)
    if not lines then
      return NONE
    end
    local entries = split[lines]
    if not entries then
      entries = {}
      for line in string.gmatch(lines, '[^\n]+') do
        entries[#entries + 1] = line
      end
      split[lines] = entries
    end
    return entries
  end

  local passed = 0 -- entries of queue passed on whole
  while budget > 0 and passed < #queue do
    local from = queue[passed + 1]
    local fromState = atState or stateOf(from)
    if outLines[from] == nil then
      loadOut({from})
    end
    local entries = entriesOf(outLines[from])
    local stop = math.min(#entries, at + budget)
    -- The dependents not read yet (a fan-in's common one is read once).
    local unread
    for k = at + 1, stop do
      local to = string.sub(entries[k], 2)
      if state[to] == nil or left[to] == nil then
        unread = unread or {}
        unread[#unread + 1] = to
      end
    end
    if unread then
      loadStates(unread)
      load(leftKey, left, unread)
    end
    for k = at + 1, stop do
      pass(from, fromState, entries[k])
    end
    budget = budget - (stop - at)
    if stop < #entries then
      at, atState = stop, fromState
    else
      if (fromState == 'F' or fromState == 'D') and not failureCounted(from) then
        level[from] = 1
        levelOut[COUNTED .. from] = 1
      end
      passed, at, atState = passed + 1, 0, nil
      budget = budget - 1
    end
  end

  hsetAll(stateKey, stateOut)
  -- A step's count matters only while it waits.
  local counts = {}
  for id, n in pairs(leftOut) do
    if state[id] == 'W' or state[id] == 'D' then
      counts[id] = n
    end
  end
  hsetAll(leftKey, counts)
  hsetAll(outKey, levelOut)
  hsetAll(resultKey, resultOut)
  hsetAll(reasonKey, reasonOut)
  local gone = {}
  for id in pairs(reasonGone) do
    gone[#gone + 1] = id
  end
  each('HDEL', reasonKey, gone)
  -- ready holds the steps released and not yet marked enqueued, nor finished.
  local readyNow, readyGone = {}, {}
  for id, s in pairs(stateOut) do
    if s == 'R' then
      readyNow[#readyNow + 1] = id
    elseif wasReady[id] then
      readyGone[#readyGone + 1] = id
    end
  end
  each('SADD', readyKey, readyNow)
  each('SREM', readyKey, readyGone)

  -- todo keeps what is left: the stored entries not passed, then the new ones.
  if passed >= #stored then
    if #stored > 0 then
      redis.call('LTRIM', todoKey, #stored, -1)
    end
    for from = passed + 1, #queue, 500 do
      redis.call('RPUSH', todoKey, unpack(queue, from, math.min(from + 499, #queue)))
    end
  else
    redis.call('LTRIM', todoKey, passed, -1)
    for from = #stored + 1, #queue, 500 do
      redis.call('RPUSH', todoKey, unpack(queue, from, math.min(from + 499, #queue)))
    end
  end
  if at > 0 then
    redis.call('SET', atKey, at .. ':' .. atState)
  elseif #stored > 0 then
    redis.call('DEL', atKey)
  end

  if redo then
    released = redis.call('SMEMBERS', readyKey)
  end
  return {specsOf(released), redis.call('LLEN', todoKey) > 0 and 1 or 0}
end
