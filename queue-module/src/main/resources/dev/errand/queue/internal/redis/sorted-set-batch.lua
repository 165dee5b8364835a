-- Runs `command key v1 v2 ...` over the first count values in as few calls as Lua's limit on
-- unpacked values allows: one call for many jobs instead of one for each.
local function callInChunks(command, key, values, count)
  for from = 1, count, 1000 do
    redis.call(command, key, unpack(values, from, math.min(count, from + 999)))
  end
end

-- Score and member pairs collected job by job for one sorted set, added by addBatch in one ZADD
-- per 500 pairs.
local function newBatch(key)
  return {key = key, count = 0}
end

local function batchPut(batch, score, member)
  local count = batch.count
  batch[count + 1], batch[count + 2] = score, member
  batch.count = count + 2
end

local function addBatch(batch)
  callInChunks('ZADD', batch.key, batch, batch.count)
end

-- Redis keeps a sorted set of at most zset-max-listpack-entries (128) short members as one flat
-- listpack, where each ZADD and ZREM walks the whole set. For the lease set that made Redis's work
-- per job grow with the number of running jobs, so with every worker added (+16 % per job from one
-- to three worker processes on a three-shard queue, by instruction count: scripts/bench-workers
-- valgrind). A member longer than zset-max-listpack-value (64) turns a set into a skiplist, which
-- it stays until the set is deleted, so the member leaves again at once; a set that emptied and
-- came back is turned again.
local SKIPLIST_MEMBER = string.rep('~', 129)
local function keepAsSkiplist(key)
  if redis.call('OBJECT', 'ENCODING', key) ~= 'skiplist' then
    redis.call('ZADD', key, 0, SKIPLIST_MEMBER)
    redis.call('ZREM', key, SKIPLIST_MEMBER)
  end
end
