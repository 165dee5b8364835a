-- Appends a line to a stored job's log, keeping the last 1000 lines.
-- KEYS: wait delayed active completed failed dead idle seq paused (named in queue-keys)
-- ARGV: base id line
-- Returns: 1, or 0 if the job is gone
--- @include "queue-keys"
local id, line = ARGV[2], ARGV[3]
if redis.call('EXISTS', jobKey(id)) == 0 then
  return 0
end
local logs = logsKey(id)
redis.call('RPUSH', logs, line)
redis.call('LTRIM', logs, -1000, -1)
return 1
