-- Deletes a schedule with its state and index entries; returns 1 if it existed.
-- KEYS: defs, ids, next, state
-- ARGV: id
redis.call('zrem', KEYS[2], ARGV[1])
redis.call('zrem', KEYS[3], ARGV[1])
redis.call('hdel', KEYS[4], ARGV[1])
return redis.call('hdel', KEYS[1], ARGV[1])
