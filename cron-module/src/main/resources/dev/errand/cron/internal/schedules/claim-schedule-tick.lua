-- Claims due ticks: each whose schedule's indexed next tick is still the tick moves to its next
-- one (or leaves the index when none is left) and, if it enqueues a job, records the run and,
-- given a lease, keeps the tick pending (its member 'id@enqueuedMs' scored by the lease's end in
-- the pending set, the definition as it is now beside it) until the job is added. Several claims
-- go in one call; the reply holds 1 for each claimed, 0 for each another caller had.
-- KEYS: next, state, defs, pending, pendingDefs
-- ARGV: leaseUntilMs ('' to keep nothing pending), then per claim: id, tickMs, nextMs ('' for
--   none), enqueuedMs ('' for a skipped tick)
--- @include "schedule-state"
local lease = ARGV[1]
local out = {}
for i = 2, #ARGV, 4 do
  local id, tick, nextMs, enqueued = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local score = redis.call('zscore', KEYS[1], id)
  if score and tonumber(score) == tonumber(tick) then
    if nextMs == '' then
      redis.call('zrem', KEYS[1], id)
    else
      redis.call('zadd', KEYS[1], nextMs, id)
    end
    if enqueued ~= '' then
      local paused, last, runs = readState(redis.call('hget', KEYS[2], id))
      redis.call('hset', KEYS[2], id, stateValue(paused, enqueued, runs + 1))
      if lease ~= '' then
        local member = id .. '@' .. enqueued
        redis.call('zadd', KEYS[4], lease, member)
        redis.call('hset', KEYS[5], member, redis.call('hget', KEYS[3], id))
      end
    end
    table.insert(out, 1)
  else
    table.insert(out, 0)
  end
end
return out
