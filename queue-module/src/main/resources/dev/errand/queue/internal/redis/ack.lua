-- Records the outcomes of many runs. An outcome from a worker that no longer holds the job's
-- lease is refused; the refused ids are returned.
-- KEYS: wait delayed active completed failed dead marker seq
-- ARGV: base token now, then per outcome: kind(c|r|f|d) id a1 a2 a3 keepCount keepAgeMs runAt
--   c: a1 = result; r, f, d: a1 a2 a3 = exception class, message, stack trace
local base = ARGV[1]
local token = ARGV[2]
local now = tonumber(ARGV[3])

local function remove(id)
  redis.call('DEL', base .. 'job:' .. id, base .. 'logs:' .. id)
end

local function trim(set, count, age)
  if age >= 0 then
    local old = redis.call('ZRANGEBYSCORE', set, '-inf', '(' .. string.format('%.0f', now - age),
      'LIMIT', 0, 1000)
    for _, id in ipairs(old) do
      remove(id)
      redis.call('ZREM', set, id)
    end
  end
  if count >= 0 then
    local excess = redis.call('ZCARD', set) - count
    if excess > 0 then
      local old = redis.call('ZRANGE', set, 0, excess - 1)
      for _, id in ipairs(old) do remove(id) end
      redis.call('ZREMRANGEBYRANK', set, 0, excess - 1)
    end
  end
end

local refused = {}
local signal = false
for i = 4, #ARGV, 8 do
  local kind = ARGV[i]
  local id = ARGV[i + 1]
  local key = base .. 'job:' .. id
  if redis.call('HGET', key, 'lk') ~= token then
    refused[#refused + 1] = id
  else
    redis.call('ZREM', KEYS[3], id)
    redis.call('HDEL', key, 'lk')
    local count = tonumber(ARGV[i + 5])
    local age = tonumber(ARGV[i + 6])
    if kind == 'r' then
      redis.call('HSET', key, 'ec', ARGV[i + 2], 'em', ARGV[i + 3], 'st', ARGV[i + 4])
      local runAt = tonumber(ARGV[i + 7])
      if runAt > now then
        redis.call('HSET', key, 's', 'delayed')
        redis.call('ZADD', KEYS[2], runAt, id)
      else
        redis.call('HSET', key, 's', 'waiting')
        redis.call('ZADD', KEYS[1], redis.call('HGET', key, 'sc'), id)
      end
      signal = true
    elseif count == 0 or age == 0 then
      remove(id)
    elseif kind == 'c' then
      redis.call('HSET', key, 's', 'completed', 'f', ARGV[3])
      if ARGV[i + 2] ~= '' then redis.call('HSET', key, 'rv', ARGV[i + 2]) end
      redis.call('ZADD', KEYS[4], now, id)
      trim(KEYS[4], count, age)
    else
      local set = KEYS[5]
      local state = 'failed'
      if kind == 'd' then
        set = KEYS[6]
        state = 'dead'
      end
      redis.call('HSET', key, 's', state, 'f', ARGV[3], 'ec', ARGV[i + 2], 'em', ARGV[i + 3],
        'st', ARGV[i + 4])
      redis.call('ZADD', set, now, id)
      trim(set, count, age)
    end
  end
end
if signal and redis.call('LLEN', KEYS[7]) == 0 then
  redis.call('RPUSH', KEYS[7], '1')
end
return refused
