--- @include "queue-keys"
-- Idle workers wait for a wake-up on one pub/sub channel per key prefix ('errand:wake'), which
-- each consuming process subscribes to once, instead of blocking on a connection per queue. A worker
-- whose fetch leased less than it asked for registers in the queue's idle hash, in the same script
-- call, so a change made after its fetch always finds it registered. A change that may give a
-- worker work publishes the queue's key prefix there, but only while someone is registered: a busy
-- queue's adds publish nothing. A key, not PUBSUB NUMSUB, because on a Redis Cluster NUMSUB counts
-- only the subscribers of the node the script runs on; a plain PUBLISH reaches every node.
local wakeChannel = string.sub(base, 1, string.find(base, ':{', 1, true) - 1) .. ':wake'

-- Tells the workers waiting on the queue, in every process, to fetch.
local function wakeIdleWorkers()
  if redis.call('EXISTS', idleKey) == 1 then
    redis.call('PUBLISH', wakeChannel, base)
  end
end

-- Registers the worker of token as waiting for a wake-up (idle), or no longer (busy). The hash
-- outlives its last registration by ttlMs, past the longest idle wait, so a worker that died or
-- stopped costs publishes for that long at most.
local function markIdle(token, idle, ttlMs)
  if not idle then
    redis.call('HDEL', idleKey, token)
    return
  end
  redis.call('HSET', idleKey, token, '1')
  if redis.call('PTTL', idleKey) < ttlMs then
    redis.call('PEXPIRE', idleKey, ttlMs)
  end
end
