-- Adds a step that depends on nothing to a stored workflow (a job joining a running batch), and to
-- the dependencies of every batch callback still waiting.
-- KEYS: state (see workflow-keys)
-- ARGV: base, the step as JSON {id, spec}
-- Returns: 1 added, 0 a step with that id exists, -1 no such workflow, -2 a callback waiting for
--   every step was released already (the batch is closed)
--- @include "workflow-keys"
if redis.call('EXISTS', stateKey) == 0 then
  return -1
end
local step = cjson.decode(ARGV[2])
if redis.call('HEXISTS', stateKey, step.id) == 1 then
  return 0
end
local callbacks = redis.call('HGETALL', callbacksKey)
for i = 1, #callbacks, 2 do
  if callbacks[i + 1] ~= 'o' and redis.call('HGET', stateKey, callbacks[i]) ~= 'W' then
    return -2
  end
end
if redis.call('RPUSH', orderKey, step.id) == TABLE_STEPS + 1 then
  asHashTables()
  dropTableFields()
end
redis.call('HSET', specKey, step.id, step.spec)
redis.call('HSET', stateKey, step.id, 'R')
redis.call('SADD', readyKey, step.id)
local out = {}
for i = 1, #callbacks, 2 do
  local callback, policy = callbacks[i], callbacks[i + 1]
  if redis.call('HGET', stateKey, callback) == 'W' then
    redis.call('HSET', depsKey, callback, redis.call('HGET', depsKey, callback) .. '\n' .. policy .. step.id)
    redis.call('HINCRBY', leftKey, callback, 1)
    out[#out + 1] = policy .. callback
  end
end
if #out > 0 then
  redis.call('HSET', outKey, step.id, table.concat(out, '\n'))
end
return 1
