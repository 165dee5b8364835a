-- Renews the lease of a job's current run: sets its renewal time if the run is still the job's
-- current one (it did not finish, and nobody took it over). Returns 1 when renewed, else 0.
-- KEYS: running
-- ARGV: tick, now
local current = redis.call('get', KEYS[1])
if not current then return 0 end
local tick, started = string.match(current, '^([^|]*)|([^|]*)')
if tick ~= ARGV[1] then return 0 end
redis.call('set', KEYS[1], tick .. '|' .. started .. '|' .. ARGV[2])
return 1
