-- Part of acknowledge-and-fetch: records the outcomes of finished runs (ARGV[12] on; see the
-- script's header), refusing those whose lease the worker no longer holds. Uses the script's
-- token, now, nowText, format, listening, events, reply and replied, settled, dropped, rules and
-- retried, run-history's ended, buckets, countRun and writeHistory, settle-steps' noteStep, and
-- the keys and helpers of the fragments included before it.
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
    if held then
      noteStep(id, 'C', result)
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
  if kind == 'f' or kind == 'd' then
    noteStep(id, 'F', errorClass .. ': ' .. message)
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

-- The outcomes from ARGV[12] on; answers the refused ids after their count.
local function recordOutcomes()
  local countAt = replied + 1
  replied = countAt
  local at = 12
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
