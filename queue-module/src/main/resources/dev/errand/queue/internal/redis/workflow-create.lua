-- Stores every step of a new workflow at once; steps with no dependency are ready.
-- KEYS: state (see workflow-keys)
-- ARGV: base, steps as JSON [{id, spec, callback, deps: [[dependency, policy], ...]}, ...]
-- Returns: 1, or 0 when the workflow exists (nothing is stored)
--- @include "workflow-keys"
if redis.call('EXISTS', stateKey) == 1 then
  return 0
end
for _, step in ipairs(cjson.decode(ARGV[2])) do
  redis.call('RPUSH', orderKey, step.id)
  redis.call('HSET', specKey, step.id, step.spec)
  if #step.deps == 0 then
    redis.call('HSET', stateKey, step.id, 'R')
    redis.call('SADD', readyKey, step.id)
  else
    redis.call('HSET', stateKey, step.id, 'W')
    redis.call('HSET', depsKey, step.id, cjson.encode(step.deps))
    if step.callback then
      redis.call('HSET', callbacksKey, step.id, step.deps[1][2])
    end
    for _, dep in ipairs(step.deps) do
      redis.call('SADD', pendingKey(step.id), dep[1])
      redis.call('RPUSH', outKey(dep[1]), dep[2] .. step.id)
    end
  end
end
return 1
