"""Redis's own time in the workflow scripts of two versions, alternately, on one private Redis.

Runs a 1 -> 1,000 -> 1 workflow through the scripts as the Redis store calls them (create; the
root's settle, 102 edges then 500 a call; the middle steps marked enqueued; their settles, 40
outcomes a call) with the scripts of git revision REV and with those of the working tree, in
turn, and prints each part's median Redis time (INFO commandstats) per version. A script change
whose effect is smaller than a benchmark run's scatter shows here. Called by
scripts/ab-workflow-scripts, which starts the Redis.

usage: ab_workflow_scripts.py PORT REV ROUNDS
"""
import os
import re
import socket
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPTS = 'queue-module/src/main/resources/dev/errand/queue/internal/redis'
SHARED = 'core-module/src/main/resources/dev/errand/core/redis'
PAD = 'x' * 100
MIDDLE = 1000
BATCH = 40


class Redis:
    """Just enough of the RESP protocol for this driver: commands out, replies back."""

    def __init__(self, port):
        self.sock = socket.create_connection(('127.0.0.1', port))
        self.file = self.sock.makefile('rb')

    def call(self, *args):
        parts = [b'*%d\r\n' % len(args)]
        for arg in args:
            data = arg if isinstance(arg, bytes) else str(arg).encode()
            parts.append(b'$%d\r\n%s\r\n' % (len(data), data))
        self.sock.sendall(b''.join(parts))
        return self.reply()

    def reply(self):
        line = self.file.readline()[:-2]
        kind, rest = line[:1], line[1:]
        if kind == b'+':
            return rest.decode()
        if kind == b'-':
            raise RuntimeError(rest.decode())
        if kind == b':':
            return int(rest)
        if kind == b'$':
            size = int(rest)
            return None if size < 0 else self.file.read(size + 2)[:-2].decode()
        if kind == b'*':
            size = int(rest)
            return None if size < 0 else [self.reply() for _ in range(size)]
        raise RuntimeError('unexpected reply ' + repr(line))

    def script_micros(self):
        stats = self.call('INFO', 'commandstats')
        found = re.search(r'cmdstat_evalsha:calls=\d+,usec=(\d+)', stats)
        return int(found.group(1)) if found else 0


def expand(folders, name, included):
    """The script with its includes expanded, as LuaIncludes does: each fragment once."""
    path = next(f'{folder}/{name}.lua' for folder in folders if os.path.exists(f'{folder}/{name}.lua'))
    out = []
    with open(path) as text:
        for line in text.read().splitlines():
            include = re.match(r'^\s*---\s*@include\s*"([^"]+)"', line)
            if not include:
                out.append(line)
            elif include.group(1) not in included:
                included.add(include.group(1))
                out.append(expand(folders, include.group(1), included))
    return '\n'.join(out) + '\n'


def field(value):
    return '-,' if value is None else f'{len(value)}:{value}'


def spec(workflow, step, deps):
    """A step as StepCodec stores it."""
    text = '~' + '\t'.join('f' + d for d in deps) + '\n'
    for value in (step, 'wfbench', 'step', None, f'wf:{workflow}:{step}', '0', None):
        text += field(value)
    return text + '0' + '{"k":0,"pad":"%s"}' % PAD


def one_round(redis, shas, workflow):
    def run(script, args):
        return redis.call('EVALSHA', shas[script], 1, base + 'state', *args)

    base = f'abbench:wf:{{{workflow}}}:'
    middle = [f'm{i}' for i in range(MIDDLE)]
    create = [base, 'root', spec(workflow, 'root', []), '0', '0']
    for step in middle:
        create += [step, spec(workflow, step, ['root']), '0', '1', 'root', 'f']
    create += ['sink', spec(workflow, 'sink', middle), '0', str(MIDDLE)]
    for step in middle:
        create += [step, 'f']
    times = {}
    start = redis.script_micros()
    run('workflow-create', create)
    mark = redis.script_micros()
    times['create'], start = mark - start, mark
    settled = run('workflow-settle', [base, '102', 'root', 'C', '0'])
    released = len(settled[0])
    while settled[1] == 1:
        settled = run('workflow-settle', [base, '500'])
        released += len(settled[0])
    if released != MIDDLE:
        raise RuntimeError(f'the root released {released} steps, not {MIDDLE}')
    mark = redis.script_micros()
    times['root release'], start = mark - start, mark
    for at in range(0, MIDDLE, 500):
        run('workflow-enqueued', [base] + middle[at:at + 500])
    mark = redis.script_micros()
    times['enqueued'], start = mark - start, mark
    for at in range(0, MIDDLE, BATCH):
        outcomes = [base, str(min(500, 100 + 2 * BATCH))]
        for i in range(at, min(MIDDLE, at + BATCH)):
            outcomes += [f'm{i}', 'C', str(i)]
        settled = run('workflow-settle', outcomes)
    if len(settled[0]) != 1:
        raise RuntimeError('the last middle step did not release the sink')
    times['middle settles'] = redis.script_micros() - start
    redis.call('DEL', *[base + key for key in (
        'state', 'order', 'spec', 'deps', 'callbacks', 'ready', 'left', 'out', 'result', 'reason',
        'todo', 'at')])
    return times


def main():
    port, rev, rounds = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    redis = Redis(port)
    with tempfile.TemporaryDirectory() as old:
        got = subprocess.run(['git', '-C', ROOT, 'archive', rev, SCRIPTS, SHARED],
                             capture_output=True)
        if got.returncode != 0:
            sys.exit(f'ab-workflow-scripts: revision {rev} has no {SCRIPTS} or {SHARED}: '
                     + got.stderr.decode().strip())
        archive = got.stdout
        subprocess.run(['tar', '-x', '-C', old], input=archive, check=True)
        versions = {
            rev: [f'{old}/{SCRIPTS}', f'{old}/{SHARED}'],
            'working tree': [f'{ROOT}/{SCRIPTS}', f'{ROOT}/{SHARED}'],
        }
        shas = {version: {name: redis.call('SCRIPT', 'LOAD', expand(folders, name, set()))
                          for name in ('workflow-create', 'workflow-settle', 'workflow-enqueued')}
                for version, folders in versions.items()}
    measured = {version: [] for version in versions}
    order = list(versions)
    for r in range(rounds):
        for version in order if r % 2 == 0 else order[::-1]:
            measured[version].append(one_round(redis, shas[version], f'ab{r}-{len(measured[version])}{version[:1]}'))
    for version, runs in measured.items():
        medians = {part: sorted(run[part] for run in runs)[len(runs) // 2] for part in runs[0]}
        print(f'{version}: ' + ', '.join(f'{part} {us} us' for part, us in medians.items())
              + f', in all {sum(medians.values())} us')


if __name__ == '__main__':
    main()
