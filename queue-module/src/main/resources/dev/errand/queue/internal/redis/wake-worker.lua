--- @include "queue-keys"
-- Leaves one element on the marker list, which wakes one worker blocked on it. One is enough: the
-- worker that takes it leases what it can and leaves it again while work is left.
local function wakeWorker()
  if redis.call('LLEN', markerKey) == 0 then
    redis.call('RPUSH', markerKey, '1')
  end
end
