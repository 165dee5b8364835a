-- Stores every step of a new workflow at once; steps with no dependency are ready. Values go to
-- Redis in chunks (one HSET or RPUSH per 500), so a workflow of thousands of steps is a few
-- thousand calls, not one per field.
-- KEYS: state (see workflow-keys)
-- ARGV: base, then for each step: id, spec, callback ('1' or '0'), dependency count n, then n
--   pairs of dependency id and policy letter
-- Returns: 1, or 0 when the workflow exists (nothing is stored)
--- @include "workflow-keys"
if redis.call('EXISTS', stateKey) == 1 then
  return 0
end

-- Sends one command per chunk of values: HSET key f1 v1 f2 v2 ..., RPUSH key v1 v2 ...
local function chunked(command, key, values)
  for from = 1, #values, 1000 do
    redis.call(command, key, unpack(values, from, math.min(from + 999, #values)))
  end
end

local order, specs, states, ready, deps, callbacks = {}, {}, {}, {}, {}, {}
local out = {}
local i = 2
while i <= #ARGV do
  local id, spec, callback, n = ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3])
  i = i + 4
  order[#order + 1] = id
  specs[#specs + 1] = id
  specs[#specs + 1] = spec
  states[#states + 1] = id
  if n == 0 then
    states[#states + 1] = 'R'
    ready[#ready + 1] = id
  else
    states[#states + 1] = 'W'
    local lines, pending = {}, {}
    for d = 0, n - 1 do
      local dep, policy = ARGV[i + 2 * d], ARGV[i + 2 * d + 1]
      lines[#lines + 1] = policy .. dep
      pending[#pending + 1] = dep
      out[dep] = out[dep] or {}
      out[dep][#out[dep] + 1] = policy .. id
    end
    i = i + 2 * n
    deps[#deps + 1] = id
    deps[#deps + 1] = table.concat(lines, '\n')
    chunked('SADD', pendingKey(id), pending)
    if callback == '1' then
      callbacks[#callbacks + 1] = id
      callbacks[#callbacks + 1] = string.sub(lines[1], 1, 1)
    end
  end
end
chunked('RPUSH', orderKey, order)
chunked('HSET', specKey, specs)
chunked('HSET', stateKey, states)
chunked('SADD', readyKey, ready)
chunked('HSET', depsKey, deps)
chunked('HSET', callbacksKey, callbacks)
for dep, dependents in pairs(out) do
  chunked('RPUSH', outKey(dep), dependents)
end
return 1
