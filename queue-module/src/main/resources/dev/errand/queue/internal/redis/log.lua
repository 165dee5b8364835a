-- Appends a line to a stored job's log, keeping the last 1000 lines.
-- KEYS: wait delayed active completed failed dead marker seq paused
-- ARGV: base id line
if redis.call('EXISTS', ARGV[1] .. 'job:' .. ARGV[2]) == 0 then
  return 0
end
local logs = ARGV[1] .. 'logs:' .. ARGV[2]
redis.call('RPUSH', logs, ARGV[3])
redis.call('LTRIM', logs, -1000, -1)
return 1
