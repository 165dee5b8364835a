-- One worker round trip. Records the outcomes of finished runs and promotes due delayed jobs;
-- then, when fetching, returns expired leases to waiting (or dead) and leases up to max waiting
-- jobs. An outcome from a worker that no longer holds the job's lease is refused. When anyone
-- subscribes to the queue's events channel, one message carries the call's events. Idle workers
-- elsewhere are woken while work is left (wake-worker).
-- KEYS: wait delayed active completed failed dead idle seq paused (named in queue-keys)
-- ARGV: base mode token limits max leaseMs maxStalled idleTtlMs historyMs, then outcomes:
--   mode: 'fetch', or 'ack' to record outcomes only (limits to idleTtlMs are then ignored and
--     lease expiry is left to the next fetch)
--   limits: '' or 'queueMax:queueWindowMs:groupMax:groupWindowMs' (0 max: no limit)
--   idleTtlMs: '' for a refill, or for the fetch of a worker that waits when it gets less than max:
--     it is then registered as idle (kept that long), and a full fetch deregisters it
--   historyMs: how long the queue's per-minute history is kept
--   outcomes: 'C' n keepCount keepAgeMs stride nb, then nb pairs of latency bucket (LatencySketch)
--     and run count, the group's run times for the history, then id result (stride 2) or id result
--     run (stride 3) for n completed runs sharing that retention (run: 'startMs,tookMs,worker' or
--     '', kept in the job's 'ru' field; stride 2 when none is kept); or one failed run as
--     kind(r|f|d) id errorClass message stackTrace keepCount keepAgeMs retryDelayMs startMs tookMs
--     bucket worker (r: retry after the delay, f: failed, d: dead; keep -1: no bound), its run kept
--     in the job's 'at' list; z is a snooze: back after the delay, the run not counted as an
--     attempt, the error left as is. A failed run's four run values are '' when it is unknown.
-- History: hash <base>history:<hour since the epoch>, fields p<m> (runs ended in minute m of the
--   hour), f<m> (failed among them) and <m>:<bucket> (run times); it expires historyMs after its
--   hour ends. One hash an hour, not a minute, so a day's chart reads 25 keys a queue, not 1,440.
-- Returns: ms until the next delayed job is due or the rate limit lifts or, for an idle worker's
-- fetch, the first lease expires ('' if none, always '' for 'ack'), the number of refused ids, the refused ids, the number of stalled jobs, then
-- id name stalls dead(0|1) for each, then id name payload options attempt for each leased job.
--- @include "queue-keys"
--- @include "server-time"
--- @include "sorted-set-batch"
--- @include "wake-worker"
--- @include "requeue-job"
--- @include "delete-jobs"
--- @include "trim-finished"
--- @include "job-events"
--- @include "rate-limits"
--- @include "dedup-jobs"
--- @include "concurrency-caps"
local format = string.format
local mode, token = ARGV[2], ARGV[3]
if mode ~= 'fetch' and mode ~= 'ack' then
  return redis.error_reply('acknowledge-and-fetch: unknown mode ' .. tostring(mode))
end
local now = serverTimeMillis()
local nowText = format('%d', now)
-- Events are built only while someone listens; publishing is one message a call either way. Asked
-- only when the call records outcomes or finds stalled jobs: an idle worker's fetch does neither.
local hasOutcomes = #ARGV >= 10
local listening = hasOutcomes and anyoneListening()
local events = {}
-- The reply, appended to in order by the steps below; its first value is set last.
local reply, replied = {''}, 1
-- Texts of small attempt numbers, so leasing a job formats no number.
local ATTEMPTS = {'1', '2', '3', '4', '5', '6', '7', '8', '9', '10'}

local settled, settledCount = {}, 0 -- ids that leave the active set
local dropped = {} -- ids deleted at once: their retention keeps nothing
local rules = {} -- 'set:keep:age' -> {set, keep, age}: each retention rule applied once a call
local retried = false

-- This call's runs for the history, written with one command per distinct field at the end.
local ended, failedRuns, buckets = 0, 0, {}
local function countRun(failed, bucket)
  ended = ended + 1
  if failed then
    failedRuns = failedRuns + 1
  end
  if bucket ~= '' then
    buckets[bucket] = (buckets[bucket] or 0) + 1
  end
end

local function writeHistory()
  local keepMs = tonumber(ARGV[9])
  if ended == 0 or not keepMs or keepMs <= 0 then
    return
  end
  local minute = math.floor(now / 60000)
  local hour = math.floor(minute / 60)
  local m = format('%d', minute - hour * 60)
  local key = base .. 'history:' .. format('%d', hour)
  local minuteTotal = redis.call('HINCRBY', key, 'p' .. m, ended)
  if failedRuns > 0 then
    redis.call('HINCRBY', key, 'f' .. m, failedRuns)
  end
  for bucket, n in pairs(buckets) do
    redis.call('HINCRBY', key, m .. ':' .. bucket, n)
  end
  -- The hour's expiry, set by the minute's first write: once a minute, not once a call.
  if minuteTotal == ended then
    redis.call('PEXPIREAT', key, format('%d', (hour + 1) * 3600000 + keepMs))
  end
end

-- Keeps a failed run in the job's 'at' list (JSON), the last 25 (JobInfo.KEPT_ATTEMPTS).
local function keepAttempt(key, attempt, start, took, worker, errorClass, message, stack)
  local raw = redis.call('HGET', key, 'at')
  local list = raw and cjson.decode(raw) or {}
  list[#list + 1] = {a = attempt, s = start, d = took, w = worker, c = errorClass, m = message,
    t = stack}
  while #list > 25 do
    table.remove(list, 1)
  end
  redis.call('HSET', key, 'at', cjson.encode(list))
end

-- Whether the worker still holds the job's lease: if so the job leaves the active set with this
-- call, else its id is refused. With listeners, also the job's name and attempt, for its events;
-- and the deduplication key it stands for while unfinished, if any.
local function settle(id, key)
  local held, name, attempt, dedupKey, cappedGroup
  if listening then
    local job = redis.call('HMGET', key, 'lk', 'dk', 'gc', 'n', 'a')
    held, dedupKey, cappedGroup = job[1] == token, job[2], job[3]
    name, attempt = job[4] or '', tonumber(job[5] or '0')
  else
    local job = redis.call('HMGET', key, 'lk', 'dk', 'gc')
    held, dedupKey, cappedGroup = job[1] == token, job[2], job[3]
  end
  if not held then
    replied = replied + 1
    reply[replied] = id
    return false
  end
  settledCount = settledCount + 1
  settled[settledCount] = id
  if cappedGroup and leftRunning(cappedGroup, id) then
    -- Its slot in the group is free: the job parked next runs.
    retried = true
  end
  return true, name, attempt, dedupKey
end

local function keepFinished(setKey, keepText, ageText)
  local rule = setKey .. ':' .. keepText .. ':' .. ageText
  if not rules[rule] then
    rules[rule] = {setKey, tonumber(keepText), tonumber(ageText)}
  end
end

-- Completed runs that share a retention at ARGV[at] (see ARGV above). Their run times are counted
-- as one histogram the caller made, so a job costs no argument more than its id and result unless
-- its run is kept; the histogram counts unless an outcome of the group is refused (then none of
-- its runs do: a refused run is no history). Returns where the next outcome starts.
local function recordCompletions(at)
  local n, keepText, ageText = tonumber(ARGV[at + 1]), ARGV[at + 2], ARGV[at + 3]
  local stride, nb = tonumber(ARGV[at + 4]), tonumber(ARGV[at + 5])
  local first = at + 6 + 2 * nb
  local drop = keepText == '0' or ageText == '0'
  local finished = newBatch(completedKey)
  local refusedBefore = replied
  for j = first, first + stride * (n - 1), stride do
    local id, result = ARGV[j], ARGV[j + 1]
    local run = stride == 3 and ARGV[j + 2] or ''
    local key = jobKey(id)
    local held, name, attempt, dedupKey = settle(id, key)
    if held then
      ended = ended + 1
    end
    if held and listening then
      events[#events + 1] = {'c', id, name, attempt, result}
    end
    if held and dedupKey then
      releaseStanding(dedupKey, id)
    end
    if held and drop then
      dropped[#dropped + 1] = id
    elseif held then
      -- Clearing the lease token ('lk') in the same call that records the outcome.
      if run == '' and result ~= '' then
        redis.call('HSET', key, 'lk', '', 's', 'completed', 'f', nowText, 'rv', result)
      elseif run == '' then
        redis.call('HSET', key, 'lk', '', 's', 'completed', 'f', nowText)
      elseif result ~= '' then
        redis.call('HSET', key, 'lk', '', 's', 'completed', 'f', nowText, 'rv', result, 'ru', run)
      else
        redis.call('HSET', key, 'lk', '', 's', 'completed', 'f', nowText, 'ru', run)
      end
      batchPut(finished, nowText, id)
    end
  end
  if finished.count > 0 then
    addBatch(finished)
    keepFinished(completedKey, keepText, ageText)
  end
  if replied == refusedBefore then
    for k = at + 6, at + 5 + 2 * nb, 2 do
      buckets[ARGV[k]] = (buckets[ARGV[k]] or 0) + tonumber(ARGV[k + 1])
    end
  end
  return first + stride * n
end

-- Puts a job back after delay ms: delayed, or in line at once.
local function putBack(id, key, delay)
  if delay > 0 then
    redis.call('HSET', key, 'lk', '', 's', 'delayed')
    redis.call('ZADD', delayedKey, format('%d', now + delay), id)
  else
    redis.call('HSET', key, 'lk', '')
    requeueJob(id, key)
  end
  retried = true
end

-- One failed (or snoozed) run of 12 values at ARGV[at]: to retry (r), failed (f), dead (d) or
-- snoozed (z).
local function recordFailure(at)
  local kind, id, errorClass, message, stack = ARGV[at], ARGV[at + 1], ARGV[at + 2], ARGV[at + 3],
    ARGV[at + 4]
  local keepText, ageText, delay = ARGV[at + 5], ARGV[at + 6], tonumber(ARGV[at + 7])
  local key = jobKey(id)
  local held, name, attempt, dedupKey = settle(id, key)
  if not held then
    return
  end
  if dedupKey and (kind == 'f' or kind == 'd') then
    releaseStanding(dedupKey, id)
  end
  if kind ~= 'z' then
    countRun(true, ARGV[at + 10])
  end
  local start = ARGV[at + 8]
  if kind ~= 'z' and start ~= '' and not (kind ~= 'r' and (keepText == '0' or ageText == '0')) then
    attempt = attempt or tonumber(redis.call('HGET', key, 'a') or '0')
    keepAttempt(key, attempt, start, ARGV[at + 9], ARGV[at + 11], errorClass, message, stack)
  end
  if kind == 'z' then
    if listening then
      events[#events + 1] = {kind, id, name, attempt}
    end
    redis.call('HINCRBY', key, 'a', -1)
    putBack(id, key, delay)
    return
  end
  if listening then
    events[#events + 1] = {kind, id, name, attempt, '', errorClass, message, stack}
    if kind == 'd' then
      events[#events + 1] = {'f', id, name, attempt, '', errorClass, message, stack}
    end
  end
  if kind == 'r' then
    redis.call('HSET', key, 'ec', errorClass, 'em', message, 'st', stack)
    putBack(id, key, delay)
  elseif keepText == '0' or ageText == '0' then
    dropped[#dropped + 1] = id
  else
    local setKey, state = failedKey, 'failed'
    if kind == 'd' then
      setKey, state = deadKey, 'dead'
    end
    redis.call('HSET', key, 'lk', '', 's', state, 'f', nowText, 'ec', errorClass, 'em', message,
      'st', stack)
    redis.call('ZADD', setKey, nowText, id)
    keepFinished(setKey, keepText, ageText)
  end
end

-- The outcomes from ARGV[10] on; answers the refused ids after their count.
local function recordOutcomes()
  local countAt = replied + 1
  replied = countAt
  local at = 10
  while at <= #ARGV do
    if ARGV[at] == 'C' then
      at = recordCompletions(at)
    else
      recordFailure(at)
      at = at + 12
    end
  end
  writeHistory()
  reply[countAt] = replied - countAt
  callInChunks('ZREM', activeKey, settled, settledCount)
  deleteJobs(dropped)
  -- Retention is applied once a call for each distinct rule, not once a job.
  for _, rule in pairs(rules) do
    local setKey, keep, age = rule[1], rule[2], rule[3]
    if age >= 0 then
      deleteFinishedBefore(setKey, format('%d', now - age))
    end
    if keep >= 0 then
      deleteFinishedBeyond(setKey, keep)
    end
  end
end

-- Delayed jobs that are due go back in line.
local function promoteDue()
  local due = redis.call('ZRANGEBYSCORE', delayedKey, '-inf', nowText, 'LIMIT', 0, 1000)
  for _, id in ipairs(due) do
    requeueJob(id, jobKey(id))
  end
  if #due > 0 then
    redis.call('ZREM', delayedKey, unpack(due))
  end
end

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

-- Wakes idle workers while work is left (or a retry went to delayed, so they learn the new due
-- time), unless the queue is paused, rate limited or at its cap of running jobs (a job ending wakes
-- them then). A fetch that took every waiting job leaves
-- none, so it need not count them.
local function wakeIfWorkLeft(paused, limitedFor, drained, capped)
  if paused or limitedFor >= 0 or capped then
    return
  end
  if retried or (not drained and redis.call('ZCARD', waitKey) > 0) then
    wakeIdleWorkers()
  end
end

-- The ms until the first of: the next delayed job is due, the rate limit lifts, and (for a
-- worker about to wait) the first lease expires, which nothing else would tell it; '' if none.
local function untilDue(limitedFor, waiting)
  local wait = limitedFor
  local function consider(due)
    due = math.max(0, due - now)
    if wait < 0 or due < wait then
      wait = due
    end
  end
  local next = redis.call('ZRANGE', delayedKey, 0, 0, 'WITHSCORES')
  if next[2] then
    consider(tonumber(next[2]))
  end
  if waiting then
    local lease = redis.call('ZRANGE', activeKey, 0, 0, 'WITHSCORES')
    if lease[2] then
      -- A lease counts as expired once its deadline is past, a millisecond after it.
      consider(tonumber(lease[2]) + 1)
    end
  end
  if wait < 0 then
    return ''
  end
  return format('%d', wait)
end

recordOutcomes()
promoteDue()
local paused = redis.call('EXISTS', pausedKey) == 1
local limitedFor, leased, drained, capped = -1, 0, false, false
local max = tonumber(ARGV[5])
if mode == 'fetch' then
  recoverExpired(tonumber(ARGV[7]))
  if max > 0 and not paused then
    limitedFor, leased, drained, capped = leaseWaiting(max, tonumber(ARGV[6]), ARGV[4])
  end
else
  replied = replied + 1
  reply[replied] = 0 -- no stalled jobs: expiry is left to the next fetch
end
wakeIfWorkLeft(paused, limitedFor, drained, capped)
if mode == 'fetch' then
  local idleTtl = ARGV[8]
  local idle = idleTtl ~= '' and leased < max
  if idleTtl ~= '' then
    markIdle(token, idle, tonumber(idleTtl))
  end
  reply[1] = untilDue(limitedFor, idle)
end
publishEvents(events)
return reply
