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
