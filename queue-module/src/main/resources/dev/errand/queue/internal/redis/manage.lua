-- One admin action on one queue. Returns a count or 1/0.
-- KEYS: wait delayed active completed failed dead marker seq paused
-- ARGV: base action, then per action:
--   remove id | promote id | cancel id | drain | pause | resume
--   clean setIndex(4..6) olderThanMs keep   (-1 for the one not used; up to 1000 jobs a call)
local base = ARGV[1]
local action = ARGV[2]
local function wake()
  if redis.call('LLEN', KEYS[7]) == 0 then redis.call('RPUSH', KEYS[7], '1') end
end
local function delete(id)
  redis.call('DEL', base .. 'job:' .. id, base .. 'logs:' .. id)
end
if action == 'remove' then
  local id = ARGV[3]
  if redis.call('ZSCORE', KEYS[3], id) then return 0 end
  if redis.call('EXISTS', base .. 'job:' .. id) == 0 then return 0 end
  for _, k in ipairs({1, 2, 4, 5, 6}) do redis.call('ZREM', KEYS[k], id) end
  delete(id)
  return 1
elseif action == 'promote' then
  local id = ARGV[3]
  if redis.call('ZREM', KEYS[2], id) == 0 then return 0 end
  local key = base .. 'job:' .. id
  redis.call('HSET', key, 's', 'waiting')
  redis.call('ZADD', KEYS[1], redis.call('HGET', key, 'sc'), id)
  wake()
  return 1
elseif action == 'cancel' then
  local id = ARGV[3]
  if not redis.call('ZSCORE', KEYS[3], id) then return 0 end
  redis.call('PUBLISH', base .. 'cancel', id)
  return 1
elseif action == 'drain' then
  local ids = redis.call('ZRANGE', KEYS[1], 0, 999)
  for _, id in ipairs(ids) do delete(id) end
  if #ids > 0 then redis.call('ZREM', KEYS[1], unpack(ids)) end
  return #ids
elseif action == 'pause' then
  redis.call('SET', KEYS[9], '1')
  return 1
elseif action == 'resume' then
  redis.call('DEL', KEYS[9])
  if redis.call('ZCARD', KEYS[1]) > 0 then wake() end
  return 1
elseif action == 'clean' then
  local set = KEYS[tonumber(ARGV[3])]
  local age = tonumber(ARGV[4])
  local keep = tonumber(ARGV[5])
  local ids
  if age >= 0 then
    local serverTime = redis.call('TIME')
    local now = tonumber(serverTime[1]) * 1000 + math.floor(tonumber(serverTime[2]) / 1000)
    ids = redis.call('ZRANGEBYSCORE', set, '-inf', '(' .. string.format('%.0f', now - age),
      'LIMIT', 0, 1000)
  else
    local excess = math.min(redis.call('ZCARD', set) - keep, 1000)
    if excess <= 0 then return 0 end
    ids = redis.call('ZRANGE', set, 0, excess - 1)
  end
  for _, id in ipairs(ids) do delete(id) end
  if #ids > 0 then redis.call('ZREM', set, unpack(ids)) end
  return #ids
end
return redis.error_reply('unknown action ' .. action)
