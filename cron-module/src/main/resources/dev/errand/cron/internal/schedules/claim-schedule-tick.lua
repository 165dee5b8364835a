-- Claims due ticks: each whose schedule's indexed next tick is still the tick moves to its next
-- one (or leaves the index when none is left) and, if it enqueues a job, records the run and,
-- given a lease, keeps the tick pending (its member 'id@enqueuedMs' scored by the lease's end in
-- the pending set, the definition as it is now beside it) until the job is added. Several claims
-- go in one call; the reply holds 1 for each claimed, 0 for each another caller had (or an earlier
-- claim of the same schedule in this call). Each key is read once and written once for the whole
-- call, not once for each claim: a burst of ticks is claimed in a few commands. Claimed ahead
-- (before the tick is due), a tick that enqueues counts no run yet: the state holds it among the
-- schedule's ticks claimed ahead until start-schedule-ticks counts it just before its moment. A
-- tick at or before the schedule's last run is never won.
-- KEYS: next, state, defs, pending, pendingDefs
-- ARGV: leaseUntilMs ('' to keep nothing pending), 'ahead' or '', then per claim: id, tickMs,
--   nextMs ('' for none), enqueuedMs ('' for a skipped tick); at most 1000 claims
--- @include "schedule-state"
local lease, ahead = ARGV[1], ARGV[2] == 'ahead'
local ids = {}
for i = 3, #ARGV, 4 do
  ids[#ids + 1] = ARGV[i]
end
if #ids == 0 then
  return {}
end
local scores = redis.call('zmscore', KEYS[1], unpack(ids))
local states = redis.call('hmget', KEYS[2], unpack(ids))
local out, seen = {}, {}
local moves, ends, runs, held, heldIds = {}, {}, {}, {}, {}
for k, id in ipairs(ids) do
  local at = 4 * k - 1
  local tick, nextMs, enqueued = ARGV[at + 1], ARGV[at + 2], ARGV[at + 3]
  local score = scores[k]
  if not seen[id] and score and tonumber(score) == tonumber(tick) then
    seen[id] = true
    if nextMs == '' then
      ends[#ends + 1] = id
    else
      moves[#moves + 1], moves[#moves + 2] = nextMs, id
    end
    local paused, last, count, before = readState(states[k])
    -- A tick that already ran (started just before an upsert or resume indexed it again) moves the
    -- schedule on to its next tick, but is not won again.
    local ran = last ~= '' and tonumber(last) >= tonumber(tick)
    if not ran and enqueued ~= '' then
      if ahead then
        local held = withHeld(before, enqueued)
        runs[#runs + 1], runs[#runs + 2] = id, stateValue(paused, last, count, held)
      else
        runs[#runs + 1], runs[#runs + 2] = id, stateValue(paused, enqueued, count + 1, before)
      end
      if lease ~= '' then
        held[#held + 1], held[#held + 2] = lease, id .. '@' .. enqueued
        heldIds[#heldIds + 1] = id
      end
    end
    out[k] = ran and 0 or 1
  else
    out[k] = 0
  end
end
if #moves > 0 then
  redis.call('zadd', KEYS[1], unpack(moves))
end
if #ends > 0 then
  redis.call('zrem', KEYS[1], unpack(ends))
end
if #runs > 0 then
  redis.call('hset', KEYS[2], unpack(runs))
end
if #held > 0 then
  redis.call('zadd', KEYS[4], unpack(held))
  local definitions = redis.call('hmget', KEYS[3], unpack(heldIds))
  local copies = {}
  for k, definition in ipairs(definitions) do
    if definition then
      copies[#copies + 1], copies[#copies + 2] = held[2 * k], definition
    end
  end
  if #copies > 0 then
    redis.call('hset', KEYS[5], unpack(copies))
  end
end
return out
