-- Records a step's outcome, then passes finished steps' outcomes on to at most maxEdges dependents
-- (MemoryWorkflowStore follows the same rules). The rest stays in todo for the next call.
-- KEYS: state (see workflow-keys)
-- ARGV: base, maxEdges, then for each outcome: step, C completed or F failed, result JSON or
--   reason ('' for none)
-- Returns: {specs of the steps released, 1 if outcomes remain to pass on else 0}
--- @include "workflow-keys"
if redis.call('EXISTS', stateKey) == 0 then
  return {{}, 0}
end
local released = {}
local function release(id)
  redis.call('HSET', stateKey, id, 'R')
  redis.call('SADD', readyKey, id)
  released[#released + 1] = id
end

-- A step failed by a dependency waits again once none of its 'f' dependencies has failed.
local function reconsider(id)
  for line in string.gmatch(redis.call('HGET', depsKey, id), '[^\n]+') do
    if string.sub(line, 1, 1) == 'f' then
      local s = redis.call('HGET', stateKey, string.sub(line, 2))
      if s == 'F' or s == 'D' then
        return
      end
    end
  end
  redis.call('HDEL', reasonKey, id)
  if redis.call('SCARD', pendingKey(id)) == 0 then
    release(id)
  else
    redis.call('HSET', stateKey, id, 'W')
  end
  redis.call('RPUSH', todoKey, id)
end

local function pass(from, fromState, entry)
  local policy = string.sub(entry, 1, 1)
  local to = string.sub(entry, 2)
  local toState = redis.call('HGET', stateKey, to)
  if toState == 'X' then
    return
  end
  local failed = fromState == 'F' or fromState == 'D'
  local done = fromState == 'C' or fromState == 'S'
  if policy == 'o' then
    if done then
      redis.call('SREM', pendingKey(to), from)
      if toState == 'W' and redis.call('SCARD', pendingKey(to)) == 0 then
        redis.call('HSET', stateKey, to, 'S')
        redis.call('RPUSH', todoKey, to)
      end
    elseif failed and toState == 'W' then
      release(to)
    end
    return
  end
  if done or (failed and policy ~= 'f') then
    redis.call('SREM', pendingKey(to), from)
    if toState == 'W' and redis.call('SCARD', pendingKey(to)) == 0 then
      release(to)
    elseif toState == 'D' then
      reconsider(to)
    end
  elseif failed then
    if toState == 'W' then
      local why = redis.call('HGET', reasonKey, from) or ''
      if fromState == 'F' then
        why = "dependency '" .. from .. "' failed: " .. why
      end
      redis.call('HSET', stateKey, to, 'D')
      redis.call('HSET', reasonKey, to, why)
      redis.call('RPUSH', todoKey, to)
    end
  elseif toState == 'D' then
    reconsider(to)
  end
end

-- Records each outcome; one recorded already means a step ran again after a crash, and the steps
-- a crash may have left ready go out again.
local redo = false
for i = 3, #ARGV, 3 do
  local step, outcome, value = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local now = redis.call('HGET', stateKey, step)
  if now and now ~= 'X' then
    if now == 'C' or (outcome == 'F' and now == 'F') then
      redo = true
    else
      redis.call('HSET', stateKey, step, outcome)
      redis.call('SREM', readyKey, step)
      if outcome == 'C' then
        redis.call('HDEL', reasonKey, step)
        if value ~= '' then
          redis.call('HSET', resultKey, step, value)
        end
      else
        redis.call('HSET', reasonKey, step, value)
      end
      redis.call('RPUSH', todoKey, step)
    end
  end
end
if redo then
  released = redis.call('SMEMBERS', readyKey)
end

local budget = tonumber(ARGV[2])
while budget > 0 do
  local from = redis.call('LINDEX', todoKey, 0)
  if not from then
    break
  end
  local at = tonumber(redis.call('GET', atKey) or '0')
  local fromState = redis.call('HGET', stateKey, from)
  local entries = redis.call('LRANGE', outKey(from), at, at + budget - 1)
  for _, entry in ipairs(entries) do
    pass(from, fromState, entry)
  end
  budget = budget - #entries
  if at + #entries >= redis.call('LLEN', outKey(from)) then
    redis.call('LPOP', todoKey)
    redis.call('DEL', atKey)
    budget = budget - 1
  else
    redis.call('SET', atKey, at + #entries)
  end
end
return {specsOf(released), redis.call('LLEN', todoKey) > 0 and 1 or 0}
