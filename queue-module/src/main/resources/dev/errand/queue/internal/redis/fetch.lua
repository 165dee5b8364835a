-- Promotes due delayed jobs, returns expired leases to waiting (or dead), then leases up to max
-- waiting jobs. Returns the next delayed due time ('' if none), then id name payload options
-- attempt for each leased job.
-- KEYS: wait delayed active completed failed dead marker seq
-- ARGV: base now max token leaseMs maxStalled
local base = ARGV[1]
local now = tonumber(ARGV[2])
local max = tonumber(ARGV[3])
local token = ARGV[4]
local maxStalled = tonumber(ARGV[6])

local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[2], 'LIMIT', 0, 1000)
for _, id in ipairs(due) do
  local key = base .. 'job:' .. id
  local score = redis.call('HGET', key, 'sc')
  if score then
    redis.call('ZADD', KEYS[1], score, id)
    redis.call('HSET', key, 's', 'waiting')
  end
  redis.call('ZREM', KEYS[2], id)
end

local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[2], 'LIMIT', 0, 1000)
for _, id in ipairs(expired) do
  redis.call('ZREM', KEYS[3], id)
  local key = base .. 'job:' .. id
  if redis.call('EXISTS', key) == 1 then
    local stalls = redis.call('HINCRBY', key, 'sl', 1)
    redis.call('HDEL', key, 'lk')
    if stalls > maxStalled then
      redis.call('HSET', key, 's', 'dead', 'f', ARGV[2], 'ec', 'Stalled', 'st', '',
        'em', 'Job ' .. id .. ' lost its worker\'s lease ' .. stalls
          .. ' times (more than JOBS_MAX_STALLED=' .. maxStalled
          .. '): its worker died or hung while running it')
      redis.call('ZADD', KEYS[6], now, id)
    else
      redis.call('HSET', key, 's', 'waiting')
      redis.call('ZADD', KEYS[1], redis.call('HGET', key, 'sc'), id)
    end
  end
end

local result = {}
if max > 0 then
  local popped = redis.call('ZPOPMIN', KEYS[1], max)
  local deadline = now + tonumber(ARGV[5])
  for i = 1, #popped, 2 do
    local id = popped[i]
    local key = base .. 'job:' .. id
    local job = redis.call('HMGET', key, 'n', 'd', 'o')
    if job[1] then
      local attempt = redis.call('HINCRBY', key, 'a', 1)
      redis.call('HSET', key, 's', 'active', 'lk', token)
      redis.call('ZADD', KEYS[3], deadline, id)
      result[#result + 1] = id
      result[#result + 1] = job[1]
      result[#result + 1] = job[2]
      result[#result + 1] = job[3] or ''
      result[#result + 1] = attempt
    end
  end
end

-- The marker wakes one blocked worker per element; keep one while work is left.
if redis.call('ZCARD', KEYS[1]) > 0 then
  if redis.call('LLEN', KEYS[7]) == 0 then
    redis.call('RPUSH', KEYS[7], '1')
  end
else
  redis.call('DEL', KEYS[7])
end
local nextDue = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
table.insert(result, 1, nextDue[2] or '')
return result
