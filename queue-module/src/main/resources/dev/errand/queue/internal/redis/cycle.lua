-- One worker round trip: records the outcomes of finished runs, then promotes due delayed jobs,
-- returns expired leases to waiting (or dead), and leases up to max waiting jobs. An outcome from
-- a worker that no longer holds the job's lease is refused.
-- KEYS: wait delayed active completed failed dead marker seq paused
-- ARGV: base token limits max leaseMs maxStalled, then outcomes; one outcome is 8 values:
--   limits: '' or 'queueMax:queueWindowMs:groupMax:groupWindowMs' (0 max: no limit)
--   kind(c|r|f|d) id a1 a2 a3 keepCount keepAgeMs retryDelayMs
--   c: a1 = result; r, f, d: a1 a2 a3 = exception class, message, stack trace
-- Returns: milliseconds until the next delayed job is due ('' if none), the number of refused ids,
-- the refused ids, the number of stalled jobs, then id name stalls dead(0|1) for each, then
-- id name payload options attempt for each leased job.
-- When anyone subscribes to the queue's events channel, one message carries the call's events.
local base = ARGV[1]
local token = ARGV[2]
-- Time comes from the server, so workers on hosts with skewed clocks agree on leases and order.
local serverTime = redis.call('TIME')
local now = tonumber(serverTime[1]) * 1000 + math.floor(tonumber(serverTime[2]) / 1000)
local nowText = string.format('%.0f', now)
local max = tonumber(ARGV[4])
local maxStalled = tonumber(ARGV[6])
local channel = base .. 'events'
-- Build events only when someone listens: publishing is one message per call either way.
local listening = redis.call('PUBSUB', 'NUMSUB', channel)[2] > 0
local events = {}

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

-- Runs a command once per chunk of many arguments: fewer calls than one per job, and within
-- Lua's limit on unpacked values.
local function variadic(command, key, values)
  for at = 1, #values, 500 do
    redis.call(command, key, unpack(values, at, math.min(#values, at + 499)))
  end
end

local refused = {}
local signal = false
local settled = {}
local removed = {}
local trims = {}
local function outcome(kind, id, a1, a2, a3, count, age, delay)
  local key = base .. 'job:' .. id
  local held
  if listening then
    held = redis.call('HMGET', key, 'lk', 'n', 'a')
  else
    held = {redis.call('HGET', key, 'lk')}
  end
  if held[1] ~= token then
    refused[#refused + 1] = id
  else
    if listening then
      local name, attempt = held[2] or '', tonumber(held[3] or '0')
      if kind == 'c' then
        events[#events + 1] = {'c', id, name, attempt, a1}
      else
        local failure = {kind, id, name, attempt, '', a1, a2, a3}
        events[#events + 1] = failure
        if kind == 'd' then
          events[#events + 1] = {'f', id, name, attempt, '', a1, a2, a3}
        end
      end
    end
    -- Each branch clears the lease token ('lk') in the same call that records the outcome.
    settled[#settled + 1] = id
    if kind == 'r' then
      local state = 'waiting'
      if delay > 0 then state = 'delayed' end
      redis.call('HSET', key, 'lk', '', 's', state, 'ec', a1, 'em', a2,
        'st', a3)
      if delay > 0 then
        redis.call('ZADD', KEYS[2], now + delay, id)
      else
        redis.call('ZADD', KEYS[1], redis.call('HGET', key, 'sc'), id)
      end
      signal = true
    elseif count == 0 or age == 0 then
      removed[#removed + 1] = key
      removed[#removed + 1] = base .. 'logs:' .. id
    elseif kind == 'c' then
      if a1 ~= '' then
        redis.call('HSET', key, 'lk', '', 's', 'completed', 'f', nowText, 'rv', a1)
      else
        redis.call('HSET', key, 'lk', '', 's', 'completed', 'f', nowText)
      end
      redis.call('ZADD', KEYS[4], now, id)
      trims[4 .. ':' .. count .. ':' .. age] = {KEYS[4], count, age}
    else
      local set = KEYS[5]
      local state = 'failed'
      if kind == 'd' then
        set = KEYS[6]
        state = 'dead'
      end
      redis.call('HSET', key, 'lk', '', 's', state, 'f', nowText, 'ec', a1,
        'em', a2, 'st', a3)
      redis.call('ZADD', set, now, id)
      trims[set .. ':' .. count .. ':' .. age] = {set, count, age}
    end
  end
end

-- Outcomes: 'C' n keepCount keepAgeMs, then id result for n completed runs sharing that
-- retention; or one outcome of 8 values as described above.
local i = 7
while i <= #ARGV do
  if ARGV[i] == 'C' then
    local n, count, age = tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3])
    for j = i + 4, i + 3 + 2 * n, 2 do
      outcome('c', ARGV[j], ARGV[j + 1], '', '', count, age, 0)
    end
    i = i + 4 + 2 * n
  else
    outcome(ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], tonumber(ARGV[i + 5]),
      tonumber(ARGV[i + 6]), tonumber(ARGV[i + 7]))
    i = i + 8
  end
end
if #settled > 0 then
  variadic('ZREM', KEYS[3], settled)
end
if #removed > 0 then
  for at = 1, #removed, 500 do
    redis.call('DEL', unpack(removed, at, math.min(#removed, at + 499)))
  end
end
-- Retention is applied once per call for each distinct rule, not once per job.
for _, t in pairs(trims) do
  trim(t[1], t[2], t[3])
end

local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', nowText, 'LIMIT', 0, 1000)
for _, id in ipairs(due) do
  local key = base .. 'job:' .. id
  local score = redis.call('HGET', key, 'sc')
  if score then
    redis.call('ZADD', KEYS[1], score, id)
    redis.call('HSET', key, 's', 'waiting')
  end
  redis.call('ZREM', KEYS[2], id)
end

-- maxStalled -1: an acknowledgement only, which leaves lease expiry to the next fetch.
local stalled = {}
if maxStalled >= 0 then
  local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', '(' .. nowText, 'LIMIT', 0, 1000)
  for _, id in ipairs(expired) do
    redis.call('ZREM', KEYS[3], id)
    local key = base .. 'job:' .. id
    if redis.call('EXISTS', key) == 1 then
      local stalls = redis.call('HINCRBY', key, 'sl', 1)
      redis.call('HDEL', key, 'lk')
      local info = redis.call('HMGET', key, 'n', 'a')
      local reason = 'Job ' .. id .. ' lost its worker\'s lease ' .. stalls
        .. ' times (more than JOBS_MAX_STALLED=' .. maxStalled
        .. '): its worker died or hung while running it'
      local dead = 0
      if stalls > maxStalled then dead = 1 end
      stalled[#stalled + 1] = {id, info[1] or '', stalls, dead}
      if listening then
        local attempt = tonumber(info[2] or '0')
        events[#events + 1] = {'s', id, info[1] or '', attempt, '', 'Stalled', reason, ''}
        if dead == 1 then
          events[#events + 1] = {'d', id, info[1] or '', attempt, '', 'Stalled', reason, ''}
          events[#events + 1] = {'f', id, info[1] or '', attempt, '', 'Stalled', reason, ''}
        end
      end
      if stalls > maxStalled then
        redis.call('HSET', key, 's', 'dead', 'f', nowText, 'ec', 'Stalled', 'st', '',
          'em', reason)
        redis.call('ZADD', KEYS[6], now, id)
      else
        redis.call('HSET', key, 's', 'waiting')
        redis.call('ZADD', KEYS[1], redis.call('HGET', key, 'sc'), id)
      end
    end
  end
end

local result = {}
local paused = redis.call('EXISTS', KEYS[9]) == 1
-- Rate limits count started jobs in fixed windows that begin with their first job.
local queueMax, queueWindow, groupMax, groupWindow = 0, 0, 0, 0
if ARGV[3] ~= '' then
  local parts = {}
  for part in string.gmatch(ARGV[3], '[^:]+') do parts[#parts + 1] = tonumber(part) end
  queueMax, queueWindow, groupMax, groupWindow = parts[1], parts[2], parts[3], parts[4]
end
local limiter = base .. 'limiter'
local limitedFor = -1
if max > 0 and not paused and queueMax > 0 then
  local used = tonumber(redis.call('GET', limiter) or '0')
  if used >= queueMax then
    limitedFor = math.max(0, redis.call('PTTL', limiter))
    max = 0
  else
    max = math.min(max, queueMax - used)
  end
end
if max > 0 and not paused then
  local popped = redis.call('ZPOPMIN', KEYS[1], max)
  local deadline = now + tonumber(ARGV[5])
  local leases = {}
  for i = 1, #popped, 2 do
    local id = popped[i]
    local key = base .. 'job:' .. id
    local job = redis.call('HMGET', key, 'n', 'd', 'o', 'a', 'g')
    if job[1] and groupMax > 0 and job[5] then
      local groupKey = base .. 'limiter:' .. job[5]
      local used = redis.call('INCR', groupKey)
      if used == 1 then redis.call('PEXPIRE', groupKey, groupWindow) end
      if used > groupMax then
        -- The group is at its limit: the job waits, delayed, until the group's window ends.
        redis.call('DECR', groupKey)
        local wait = math.max(1, redis.call('PTTL', groupKey))
        redis.call('ZADD', KEYS[2], now + wait, id)
        redis.call('HSET', key, 's', 'delayed')
        job[1] = false
      end
    end
    if job[1] then
      local attempt = tonumber(job[4] or '0') + 1
      redis.call('HSET', key, 's', 'active', 'lk', token, 'ps', nowText, 'a', attempt)
      leases[#leases + 1] = deadline
      leases[#leases + 1] = id
      result[#result + 1] = id
      result[#result + 1] = job[1]
      result[#result + 1] = job[2]
      result[#result + 1] = job[3] or ''
      result[#result + 1] = attempt
    end
  end
  if #leases > 0 then
    variadic('ZADD', KEYS[3], leases)
    if queueMax > 0 then
      local used = redis.call('INCRBY', limiter, #leases / 2)
      if used == #leases / 2 then redis.call('PEXPIRE', limiter, queueWindow) end
      if used >= queueMax then limitedFor = math.max(0, redis.call('PTTL', limiter)) end
    end
  end
end

-- The marker wakes one blocked worker per element; keep one while work is left.
if paused or limitedFor >= 0 then
  redis.call('DEL', KEYS[7])
elseif redis.call('ZCARD', KEYS[1]) > 0 then
  if redis.call('LLEN', KEYS[7]) == 0 then
    redis.call('RPUSH', KEYS[7], '1')
  end
elseif signal then
  -- A retry went to delayed: wake an idle worker so it learns the new due time.
  if redis.call('LLEN', KEYS[7]) == 0 then
    redis.call('RPUSH', KEYS[7], '1')
  end
else
  redis.call('DEL', KEYS[7])
end
local nextDue = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
local untilDue = ''
if nextDue[2] then
  untilDue = string.format('%.0f', math.max(0, tonumber(nextDue[2]) - now))
end
if limitedFor >= 0 and (untilDue == '' or limitedFor < tonumber(untilDue)) then
  untilDue = string.format('%.0f', limitedFor)
end
local head = {untilDue, #refused}
for _, id in ipairs(refused) do
  head[#head + 1] = id
end
head[#head + 1] = #stalled
for _, s in ipairs(stalled) do
  head[#head + 1] = s[1]
  head[#head + 1] = s[2]
  head[#head + 1] = s[3]
  head[#head + 1] = s[4]
end
if #events > 0 then
  redis.call('PUBLISH', channel, cjson.encode(events))
end
for _, value in ipairs(result) do
  head[#head + 1] = value
end
return head
