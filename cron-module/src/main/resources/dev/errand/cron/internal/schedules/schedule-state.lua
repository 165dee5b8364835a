-- A schedule's state is one field of the state hash: 'paused|lastRunMs|runs', paused being 1 or 0
-- and lastRunMs empty before the first run.

local function readState(value)
  if not value then return '0', '', 0 end
  local paused, last, runs = string.match(value, '^([^|]*)|([^|]*)|([^|]*)$')
  return paused, last, tonumber(runs)
end

local function stateValue(paused, last, runs)
  return paused .. '|' .. last .. '|' .. runs
end
