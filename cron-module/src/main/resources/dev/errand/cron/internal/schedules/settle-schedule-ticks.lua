-- Drops pending ticks whose jobs are added.
-- KEYS: pending, pendingDefs
-- ARGV: members ('id@enqueuedMs')
redis.call('zrem', KEYS[1], unpack(ARGV))
redis.call('hdel', KEYS[2], unpack(ARGV))
return 1
