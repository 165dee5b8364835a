-- Deletes the runs of ticks before a time, keeping RUNNING ones; returns how many it deleted.
-- KEYS: runs, ticks
-- ARGV: before (exclusive, epoch ms)
--- @include "run-record"
local old = redis.call('zrangebyscore', KEYS[2], '-inf', '(' .. ARGV[1])
local removed = 0
for _, tick in ipairs(old) do
  local run = redis.call('hget', KEYS[1], tick)
  if not run or parseRun(run) ~= 'RUNNING' then
    redis.call('hdel', KEYS[1], tick)
    redis.call('zrem', KEYS[2], tick)
    removed = removed + 1
  end
end
return removed
