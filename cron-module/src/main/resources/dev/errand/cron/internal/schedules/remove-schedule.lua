-- Deletes a schedule with its state and index entries, and the ticks claimed ahead that have not
-- started and are still after nowMs (their pending records); a held tick whose moment has come
-- keeps its pending record, which is taken over after its lease. Returns 1 if it existed.
-- KEYS: defs, ids, next, state, pending, pendingDefs
-- ARGV: id, nowMs
--- @include "schedule-state"
dropAhead(KEYS[4], KEYS[5], KEYS[6], ARGV[1], redis.call('hget', KEYS[4], ARGV[1]),
  tonumber(ARGV[2]))
redis.call('zrem', KEYS[2], ARGV[1])
redis.call('zrem', KEYS[3], ARGV[1])
redis.call('hdel', KEYS[4], ARGV[1])
return redis.call('hdel', KEYS[1], ARGV[1])
