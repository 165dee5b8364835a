"""A trial of a release that only moves a job written whole beforehand, against an ordinary add.

Answers one design question for the Redis workflow store: would storing each step's job whole when
the workflow is added (under a staging key), and only moving it into its queue on release, cost
Redis less than adding the job then, as the worker does now? Per round it adds 1,000 jobs with
add-jobs.lua in two calls of 500 (the worker's path), and writes 1,000 staged jobs and moves them
(RENAME, score and time written, ZADD in batches), and prints the medians of Redis's script time
and CPU time for each. Needs a private redis-server, which it empties after every round.

usage: python3 scripts/dev/staged_release_trial.py PORT [ROUNDS]
"""
import re
import sys

from ab_workflow_scripts import ROOT, SCRIPTS, SHARED, Redis, expand

STAGE = """
local base, now = ARGV[1], ARGV[2]
for i = 3, #ARGV, 2 do
  redis.call('HSET', base .. 'staged:' .. ARGV[i], 'd', ARGV[i + 1], 'n', 'step', 'p', '0', 't', now,
    's', 'waiting')
end
return 1
"""

MOVE = """
local base = ARGV[1]
local n = #ARGV - 1
local seq = redis.call('INCRBY', base .. 'seq', n) - n
local t = redis.call('TIME')
local now = string.format('%d', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
local scored = {}
for i = 2, #ARGV do
  local id = ARGV[i]
  local key = base .. 'job:' .. id
  redis.call('RENAME', base .. 'staged:' .. id, key)
  seq = seq + 1
  local score = string.format('%d', 1000 * 2199023255552 + seq)
  redis.call('HSET', key, 'sc', score, 't', now)
  scored[#scored + 1] = score
  scored[#scored + 1] = id
end
for from = 1, #scored, 1000 do
  redis.call('ZADD', base .. 'wait', unpack(scored, from, math.min(from + 999, #scored)))
end
return n
"""

QUEUE_KEYS = ('wait', 'delayed', 'active', 'completed', 'failed', 'dead', 'idle', 'seq', 'paused')


def cpu_micros(redis):
    info = redis.call('INFO', 'cpu')
    fields = [float(re.search(name + r':([\d.]+)', info).group(1))
              for name in ('used_cpu_user', 'used_cpu_sys')]
    return sum(fields) * 1e6


def main():
    port = int(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    redis = Redis(port)
    if redis.call('DBSIZE') != 0:
        sys.exit(f'staged_release_trial: the Redis on port {port} holds keys; it empties the Redis '
                 'after every round, so give it a private, empty one')
    add = redis.call('SCRIPT', 'LOAD',
                     expand([f'{ROOT}/{SCRIPTS}', f'{ROOT}/{SHARED}'], 'add-jobs', set()))
    stage, move = redis.call('SCRIPT', 'LOAD', STAGE), redis.call('SCRIPT', 'LOAD', MOVE)
    payload = '{"k":%d,"pad":"' + 'x' * 100 + '"}'
    measured = {'add-jobs': ([], []), 'staged write and move': ([], [])}
    for r in range(rounds):
        ids = [f'wf:w{r}:m{i}' for i in range(1000)]
        base = f'trial:{{q{r}}}:'
        keys = [base + key for key in QUEUE_KEYS]
        cpu, script = cpu_micros(redis), redis.script_micros()
        for at in range(0, 1000, 500):
            args = [base, '500', f'call-{r}-{at}', '60000', '500', 'step', '', '0', '0', '', '', '', '']
            for i in range(at, at + 500):
                args += [ids[i], payload % i]
            redis.call('EVALSHA', add, len(keys), *keys, *args)
        measured['add-jobs'][0].append(redis.script_micros() - script)
        measured['add-jobs'][1].append(cpu_micros(redis) - cpu)
        base = f'trial:{{s{r}}}:'
        cpu, script = cpu_micros(redis), redis.script_micros()
        args = [base, '1']
        for i in range(1000):
            args += [ids[i], payload % i]
        redis.call('EVALSHA', stage, 0, *args)
        for at in range(0, 1000, 500):
            redis.call('EVALSHA', move, 0, base, *ids[at:at + 500])
        measured['staged write and move'][0].append(redis.script_micros() - script)
        measured['staged write and move'][1].append(cpu_micros(redis) - cpu)
        redis.call('FLUSHALL')
    for name, (scripts, cpus) in measured.items():
        print(f'{name} of 1,000 jobs: script {sorted(scripts)[rounds // 2]} us, '
              f'Redis CPU {int(sorted(cpus)[rounds // 2])} us')


if __name__ == '__main__':
    main()
