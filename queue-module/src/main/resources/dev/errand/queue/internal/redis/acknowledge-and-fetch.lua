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
--   workflows: '' or, on a single server, the key prefix of workflows (e.g. 'errand'): the outcome
--     of a workflow step's job (id 'wf:<workflow>:<step>') is then settled in its workflow as the
--     job is acknowledged (workflow-settle-function), and the workflows that released steps get a
--     note (member '<workflow>:<n>' of <prefix>:workflows:releasing, scored with now) that the
--     worker removes once it has added them to their queues; a sweep finishes what a crash leaves
--   stepQueue: '' or this queue's name when it is not sharded: released steps of this queue are
--     then added to it by this call (and may be leased by it), not by the worker
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
-- fetch, the first lease expires ('' if none, always '' for 'ack'), the number of refused ids, the
-- refused ids, the number of workflows settled, then for each: its id, 1 if outcomes remain to pass
-- on else 0, its note ('' for none), the number of steps released and their specs; the number of
-- stalled jobs, then id name stalls dead(0|1) for each; then id name payload options attempt for
-- each leased job.
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
local hasOutcomes = #ARGV >= 12
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

--- @include "run-history"
--- @include "settle-steps"
--- @include "record-outcomes"

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

--- @include "lease-jobs"

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
settleSteps()
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
