--- @include "queue-keys"
-- Puts a stored job back in line among the waiting, at the score it was added with (its priority,
-- then its order of adding), and marks it waiting. Returns false, doing nothing, if it is gone.
local function requeueJob(id, key)
  local score = redis.call('HGET', key, 'sc')
  if not score then
    return false
  end
  redis.call('ZADD', waitKey, score, id)
  redis.call('HSET', key, 's', 'waiting')
  return true
end
