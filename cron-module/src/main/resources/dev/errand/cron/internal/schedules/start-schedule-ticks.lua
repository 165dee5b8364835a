-- At their moment, starts ticks claimed ahead: each that its schedule's state still holds as
-- claimed ahead has its run counted (last run, one more run) and answers 1, once; one dropped
-- since (the schedule changed, paused or removed) or taken over answers 0, and its job must not be
-- added.
-- KEYS: state
-- ARGV: per tick: id, tickMs; at most 1000 ticks
--- @include "schedule-state"
local ids = {}
for i = 1, #ARGV, 2 do
  ids[#ids + 1] = ARGV[i]
end
if #ids == 0 then
  return {}
end
local states = redis.call('hmget', KEYS[1], unpack(ids))
-- Each schedule's state as this call changes it: several ticks of one schedule may start here.
local current, out, written = {}, {}, {}
for k, id in ipairs(ids) do
  if current[id] == nil then
    current[id] = states[k]
  end
  local started = startedState(current[id], ARGV[2 * k])
  if started then
    current[id] = started
    written[id] = true
    out[k] = 1
  else
    out[k] = 0
  end
end
local writes = {}
for id in pairs(written) do
  writes[#writes + 1], writes[#writes + 2] = id, current[id]
end
if #writes > 0 then
  redis.call('hset', KEYS[1], unpack(writes))
end
return out
