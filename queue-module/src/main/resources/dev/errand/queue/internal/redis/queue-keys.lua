-- The keys every queue script takes, in QueueKeys' order, and the queue's key prefix, which every
-- queue script takes as ARGV[1]. All of a queue's keys share its hash tag, so a script touches one
-- Redis Cluster slot. Job hashes hold short fields: n name, d payload, o options, g group,
-- p priority, sc wait score, s state, t added, ps started, f finished (ms), a attempts, sl stalls,
-- lk lease token, pg progress, rv result, ec em st error class, message and stack trace, dk the
-- deduplication key it stands for while unfinished, at its failed runs (a JSON list, the last 25),
-- ru its completed run ('startMs,tookMs,worker').
local waitKey = KEYS[1] -- sorted set: waiting jobs by score (priority, then order of adding)
local delayedKey = KEYS[2] -- sorted set: delayed jobs by due time (ms)
local activeKey = KEYS[3] -- sorted set: leased jobs by lease deadline (ms)
local completedKey = KEYS[4] -- sorted set: completed jobs by finish time (ms)
local failedKey = KEYS[5] -- sorted set: failed jobs by finish time (ms)
local deadKey = KEYS[6] -- sorted set: dead jobs by finish time (ms)
local idleKey = KEYS[7] -- hash: tokens of the workers waiting for a wake-up (wake-worker)
local seqKey = KEYS[8] -- counter: the last sequence number a job was given
local pausedKey = KEYS[9] -- string: present while the queue is paused
local base = ARGV[1] -- the prefix of every key of the queue, e.g. 'errand:{email}:'

-- The hash of a job's fields.
local function jobKey(id)
  return base .. 'job:' .. id
end

-- The list of a job's log lines.
local function logsKey(id)
  return base .. 'logs:' .. id
end
