-- A new job's hash as add-jobs writes it (fields in queue-keys), for every script that adds jobs.
-- Higher priority sorts first in the wait set; within a priority, the order of adding (seq).
local function waitScoreBase(priority)
  return (1000 - tonumber(priority)) * 2199023255552
end

-- The fields of a new job in state; its payload ('d', at [2]) and wait score ('sc', at [4]) are
-- left for each job to fill in, so that jobs that share the rest share one list. Attempts ('a')
-- and stalls ('sl') start absent, which reads as zero; '' options or group store none.
local function newJobFields(name, options, priority, group, state, addedText)
  local fields = {'d', '', 'sc', '', 'n', name, 'p', priority, 't', addedText, 's', state}
  if options ~= '' then
    fields[#fields + 1] = 'o'
    fields[#fields + 1] = options
  end
  if group ~= '' then
    fields[#fields + 1] = 'g'
    fields[#fields + 1] = group
  end
  return fields
end
