-- A schedule's state is one field of the state hash: 'paused|lastRunMs|runs', paused being 1 or 0
-- and lastRunMs empty before the first run, then '|aheadMs' while a tick claimed ahead waits for
-- its moment (claim-schedule-tick, start-schedule-ticks).

local function readState(value)
  if not value then return '0', '', 0, '' end
  local paused, last, runs, rest = string.match(value, '^([^|]*)|([^|]*)|([^|]*)(.*)$')
  return paused, last, tonumber(runs), string.sub(rest, 2)
end

local function stateValue(paused, last, runs, ahead)
  if ahead and ahead ~= '' then
    return paused .. '|' .. last .. '|' .. runs .. '|' .. ahead
  end
  return paused .. '|' .. last .. '|' .. runs
end

-- Drops the tick of schedule id claimed ahead, if its state holds one: its pending record goes and
-- no run was counted for it. Returns the state without it.
local function dropAhead(stateKey, pendingKey, pendingDefsKey, id, value)
  local paused, last, runs, ahead = readState(value)
  if ahead ~= '' then
    local member = id .. '@' .. ahead
    redis.call('zrem', pendingKey, member)
    redis.call('hdel', pendingDefsKey, member)
    value = stateValue(paused, last, runs)
    redis.call('hset', stateKey, id, value)
  end
  return value
end

-- The state after the held tick's run is counted (last run, one more run, nothing held), or nil
-- when value holds no tick or another one than tick.
local function startedState(value, tick)
  local paused, last, runs, ahead = readState(value)
  if value and ahead == tick then
    return stateValue(paused, tick, runs + 1)
  end
  return nil
end
