-- Part of acknowledge-and-fetch: returns expired leases to waiting (or dead) and leases waiting
-- jobs within the rate limits and concurrency caps. Uses the script's token, now, nowText,
-- format, hasOutcomes, listening, events, reply, replied and ATTEMPTS, and the keys and helpers of
-- the fragments included before it.
-- Keeps run attempt of a job, leased at startMs with token lk and cut off by the lease expiring
-- now, in its 'at' list: failed as stalled, with the worker the token names (Lease.newToken makes
-- 'host/pid#unique'; another token names none). OutcomeEvents.stalledRun says the same.
local function keepStalledRun(key, attempt, lk, startMs)
  local worker = string.match(lk, '^(.*)#') or ''
  local start = math.min(startMs, now)
  local who = worker == '' and 'the worker' or ('worker ' .. worker)
  keepAttempt(key, attempt, format('%d', start), format('%d', now - start), worker, 'Stalled',
    'The worker\'s lease expired (' .. who .. ' stopped or lost contact)', '')
end

-- Jobs whose lease expired go back to waiting, or to dead once they have stalled more than
-- maxStalled times, each with its cut-off run kept as a stalled attempt; answers their count,
-- then id name stalls dead(0|1) for each.
local function recoverExpired(maxStalled)
  local expired = redis.call('ZRANGEBYSCORE', activeKey, '-inf', '(' .. nowText, 'LIMIT', 0, 1000)
  if #expired > 0 and not hasOutcomes then
    listening = anyoneListening()
  end
  local countAt = replied + 1
  replied = countAt
  for _, id in ipairs(expired) do
    local key = jobKey(id)
    if redis.call('EXISTS', key) == 1 then
      local stalls = redis.call('HINCRBY', key, 'sl', 1)
      local job = redis.call('HMGET', key, 'n', 'a', 'gc', 'lk', 'ps')
      redis.call('HDEL', key, 'lk')
      local name, dead = job[1] or '', stalls > maxStalled
      if job[3] then
        leftRunning(job[3], id)
      end
      keepStalledRun(key, tonumber(job[2] or '0'), job[4] or '', tonumber(job[5] or nowText))
      reply[replied + 1], reply[replied + 2], reply[replied + 3] = id, name, stalls
      reply[replied + 4] = dead and 1 or 0
      replied = replied + 4
      local reason = 'Job ' .. id .. ' lost its worker\'s lease ' .. stalls
        .. ' times (more than JOBS_MAX_STALLED=' .. maxStalled
        .. '): its worker died or hung while running it'
      if listening then
        local attempt = tonumber(job[2] or '0')
        events[#events + 1] = {'s', id, name, attempt, '', 'Stalled', reason, ''}
        if dead then
          events[#events + 1] = {'d', id, name, attempt, '', 'Stalled', reason, ''}
          events[#events + 1] = {'f', id, name, attempt, '', 'Stalled', reason, ''}
        end
      end
      if dead then
        redis.call('HSET', key, 's', 'dead', 'f', nowText, 'ec', 'Stalled', 'st', '', 'em', reason)
        redis.call('ZADD', deadKey, nowText, id)
      else
        requeueJob(id, key)
      end
    end
  end
  reply[countAt] = (replied - countAt) / 4
  if #expired > 0 then
    redis.call('ZREM', activeKey, unpack(expired))
  end
end

-- Leases up to max waiting jobs for leaseMs within the rate limits and concurrency caps, answering
-- id name payload options attempt for each. Returns -1, or the ms until the queue's rate limit
-- lifts when it is reached; then how many jobs it leased, whether it took every waiting job, and
-- whether the queue is at its cap of running jobs.
local function leaseWaiting(max, leaseMs, limits)
  local queueMax, queueWindow, groupMax, groupWindow, maxRunning, groupRunning = parseLimits(limits)
  local allowed, limitedFor = queueAllows(max, queueMax)
  local capped = false
  if maxRunning > 0 then
    local room = maxRunning - redis.call('ZCARD', activeKey)
    if room <= allowed then
      allowed, capped = math.max(0, room), true
    end
  end
  if allowed == 0 then
    return limitedFor, 0, false, capped
  end
  local grouped = groupMax > 0 or groupRunning > 0
  local deadline = format('%d', now + leaseMs)
  local leases = newBatch(activeKey)
  local drained = false
  -- Jobs parked over their group's cap leave room for others: take more, a few rounds at most.
  for _ = 1, (groupRunning > 0 and 5 or 1) do
    local leasedBefore = leases.count / 2
    local wanted = allowed - leasedBefore
    -- The first waiting jobs, taken without their scores: formatting each score for the reply
    -- would cost more than the second command.
    local ids = redis.call('ZRANGE', waitKey, 0, wanted - 1)
    if #ids > 0 then
      redis.call('ZREMRANGEBYRANK', waitKey, 0, #ids - 1)
    end
    drained = #ids < wanted
    for _, id in ipairs(ids) do
      local key = jobKey(id)
      local job
      if grouped then
        job = redis.call('HMGET', key, 'n', 'd', 'o', 'a', 'g')
      else
        job = redis.call('HMGET', key, 'n', 'd', 'o', 'a')
      end
      local admitted = job[1] ~= false
      local group = job[5]
      if admitted and groupRunning > 0 and group
          and groupRunningCount(group, nowText, groupRunning) >= groupRunning then
        admitted = false
        park(group, id, key, now)
      end
      if admitted and groupMax > 0 and group then
        local wait
        admitted, wait = groupAllows(group, groupMax, groupWindow)
        if not admitted then
          -- The group is at its limit: the job waits, delayed, until the group's window ends.
          redis.call('ZADD', delayedKey, format('%d', now + wait), id)
          redis.call('HSET', key, 's', 'delayed')
        end
      end
      if admitted then
        local attempt = (tonumber(job[4]) or 0) + 1
        if groupRunning > 0 and group then
          markRunning(group, id, deadline)
          redis.call('HSET', key, 's', 'active', 'lk', token, 'ps', nowText,
            'a', ATTEMPTS[attempt] or format('%d', attempt), 'gc', group)
        else
          redis.call('HSET', key, 's', 'active', 'lk', token, 'ps', nowText,
            'a', ATTEMPTS[attempt] or format('%d', attempt))
        end
        batchPut(leases, deadline, id)
        reply[replied + 1], reply[replied + 2], reply[replied + 3] = id, job[1], job[2]
        reply[replied + 4], reply[replied + 5] = job[3] or '', attempt
        replied = replied + 5
      end
    end
    -- Another round only while this one got somewhere: when every job it took was parked, the
    -- groups at the head of the line are full, and taking more would only park more.
    if drained or leases.count / 2 >= allowed or leases.count / 2 == leasedBefore then
      break
    end
  end
  addBatch(leases)
  local leased = leases.count / 2
  if leased > 0 then
    keepAsSkiplist(activeKey)
  end
  capped = capped and leased >= allowed
  return countStarted(leased, queueMax, queueWindow), leased, drained, capped
end
