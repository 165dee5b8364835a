-- The heartbeats of the processes that consume queues under one key prefix. Every call first
-- forgets the heartbeats whose lease ran out (server time), then:
--   beat: records process id's heartbeat (JSON) until leaseMs from now; returns nothing
--   end: forgets process id; returns nothing
--   list: returns the heartbeats alive, as JSON texts
-- KEYS: leases (sorted set: process id by lease end, ms), beats (hash: process id to JSON); both
--   under the '{processes}' hash tag, one slot.
-- ARGV: mode id json leaseMs
--- @include "server-time"
local leasesKey, beatsKey = KEYS[1], KEYS[2]
local mode, id = ARGV[1], ARGV[2]
local now = serverTimeMillis()
local lapsed = redis.call('ZRANGEBYSCORE', leasesKey, '-inf', now)
if #lapsed > 0 then
  redis.call('HDEL', beatsKey, unpack(lapsed))
  redis.call('ZREMRANGEBYSCORE', leasesKey, '-inf', now)
end
if mode == 'beat' then
  redis.call('ZADD', leasesKey, now + tonumber(ARGV[4]), id)
  redis.call('HSET', beatsKey, id, ARGV[3])
  return {}
elseif mode == 'end' then
  redis.call('ZREM', leasesKey, id)
  redis.call('HDEL', beatsKey, id)
  return {}
elseif mode == 'list' then
  return redis.call('HVALS', beatsKey)
end
return redis.error_reply('heartbeats: unknown mode ' .. tostring(mode))
