-- Claims due ticks: each whose schedule's indexed next tick is still the tick moves to its next
-- one (or leaves the index when none is left) and, if it enqueued a job, records the run. Several
-- claims go in one call; the reply holds 1 for each claimed, 0 for each another caller had.
-- KEYS: next, state
-- ARGV: per claim: id, tickMs, nextMs ('' for none), enqueuedMs ('' for a skipped tick)
--- @include "schedule-state"
local out = {}
for i = 1, #ARGV, 4 do
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
    end
    table.insert(out, 1)
  else
    table.insert(out, 0)
  end
end
return out
