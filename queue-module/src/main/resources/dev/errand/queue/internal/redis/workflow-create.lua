-- Stores every step of a new workflow at once; steps with no dependency are ready. Values go to
-- Redis in chunks (one HSET or RPUSH per 500 values) into a fixed set of keys, so a workflow of
-- thousands of steps is a few dozen commands.
-- KEYS: state (see workflow-keys)
-- ARGV: base, then for each step: id, spec, callback ('1' or '0'), dependency count n, then n
--   pairs of dependency id and policy letter
-- Returns: 1, or 0 when the workflow exists (nothing is stored)
--- @include "workflow-keys"
if redis.call('EXISTS', stateKey) == 1 then
  return 0
end

local order, specs, states, deps, left, callbacks, out, ready = {}, {}, {}, {}, {}, {}, {}, {}
local i = 2
while i <= #ARGV do
  local id, spec, callback, n = ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3])
  i = i + 4
  order[#order + 1] = id
  specs[id] = spec
  if n == 0 then
    states[id] = 'R'
    ready[#ready + 1] = id
  else
    states[id] = 'W'
    if n > 1 then
      left[id] = n - 1
    end
    for d = i, i + 2 * n - 2, 2 do
      local dependents = out[ARGV[d]]
      if dependents then
        dependents[#dependents + 1] = ARGV[d + 1] .. id
      else
        out[ARGV[d]] = {ARGV[d + 1] .. id}
      end
    end
    if callback == '1' then
      -- A batch callback's dependencies grow, so they are kept apart from its spec.
      local lines = {}
      for d = i, i + 2 * n - 2, 2 do
        lines[#lines + 1] = ARGV[d + 1] .. ARGV[d]
      end
      deps[id] = table.concat(lines, '\n')
      callbacks[id] = ARGV[i + 1]
    end
    i = i + 2 * n
  end
end
if #order > TABLE_STEPS then
  asHashTables()
end
each('RPUSH', orderKey, order)
for dep, dependents in pairs(out) do
  out[dep] = table.concat(dependents, '\n')
end
hsetAll(specKey, specs)
hsetAll(stateKey, states)
hsetAll(depsKey, deps)
hsetAll(leftKey, left)
hsetAll(callbacksKey, callbacks)
hsetAll(outKey, out)
each('SADD', readyKey, ready)
if #order > TABLE_STEPS then
  dropTableFields()
end
return 1
