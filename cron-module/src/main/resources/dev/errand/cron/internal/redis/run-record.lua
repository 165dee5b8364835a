-- A run is one field of the job's runs hash, keyed by its tick in epoch milliseconds. Its value is
-- status, startedMs, finishedMs, instance and error joined by the ASCII unit separator (31).

-- The status, startedMs, finishedMs and instance of a run's value.
local function parseRun(value)
  return string.match(value, '^([^\31]*)\31([^\31]*)\31([^\31]*)\31([^\31]*)\31')
end

-- A run's value from its parts.
local function runValue(status, started, finished, instance, err)
  return status .. '\31' .. started .. '\31' .. finished .. '\31' .. instance .. '\31' .. err
end
