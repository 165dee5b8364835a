-- A schedule's state is one field of the state hash: 'paused|lastRunMs|runs', paused being 1 or 0
-- and lastRunMs empty before the first run, then '|aheadMs;aheadMs...' while ticks claimed ahead
-- wait for their moment (claim-schedule-tick, start-schedule-ticks): more than one when the
-- schedule ticks more often than a claim's lease lasts and a claimer died holding one.

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

-- The ticks in a state's ahead part, as texts.
local function heldTicks(ahead)
  local ticks = {}
  for tick in string.gmatch(ahead, '[^;]+') do
    ticks[#ticks + 1] = tick
  end
  return ticks
end

-- The ahead part with tick added.
local function withHeld(ahead, tick)
  if ahead == '' then return tick end
  return ahead .. ';' .. tick
end

-- Drops the ticks of schedule id claimed ahead whose moment is still after nowMs, if its state
-- holds any: their pending records go and no run was counted for them. A held tick whose moment has
-- come was due while the schedule was as it was, and its claimer is late or dead: it stays, to be
-- started or taken over. Returns the state without the dropped ones.
local function dropAhead(stateKey, pendingKey, pendingDefsKey, id, value, nowMs)
  local paused, last, runs, ahead = readState(value)
  if ahead ~= '' then
    local kept = {}
    for _, tick in ipairs(heldTicks(ahead)) do
      if tonumber(tick) <= nowMs then
        kept[#kept + 1] = tick
      else
        local member = id .. '@' .. tick
        redis.call('zrem', pendingKey, member)
        redis.call('hdel', pendingDefsKey, member)
      end
    end
    value = stateValue(paused, last, runs, table.concat(kept, ';'))
    redis.call('hset', stateKey, id, value)
  end
  return value
end

-- The state after the held tick's run is counted (the latest tick that ran as last run, one more
-- run, the tick no longer held), or nil when value does not hold tick.
local function startedState(value, tick)
  if not value then return nil end
  local paused, last, runs, ahead = readState(value)
  local rest, found = {}, false
  for _, held in ipairs(heldTicks(ahead)) do
    if held == tick and not found then
      found = true
    else
      rest[#rest + 1] = held
    end
  end
  if not found then return nil end
  if last == '' or tonumber(tick) > tonumber(last) then
    last = tick
  end
  return stateValue(paused, last, runs + 1, table.concat(rest, ';'))
end
