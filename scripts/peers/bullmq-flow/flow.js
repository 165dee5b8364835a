// BullMQ's counterpart of Errand's workflow benchmark (scripts/bench-workflows): a fan-out/fan-in
// of 1 -> N -> 1 against N + 2 plain jobs added in bulk, one worker of concurrency C, jobs kept
// when they complete, each job returning its number and the last one reading every result.
// BullMQ's flows are trees whose parent runs after its children, so the fan-out is written as
// BullMQ's users write it: the first job's handler adds a flow of a parent with N children.
// Times run from the first add to the last completion the worker reports.
// Usage: node flow.js PORT [N] [CONCURRENCY] [ROUNDS]; the last third of the rounds are measured
// (the rest warm up) and one JSON line gives the medians.
const { Queue, Worker, FlowProducer } = require('bullmq');

const port = Number(process.argv[2]);
const n = Number(process.argv[3] || 1000);
const concurrency = Number(process.argv[4] || 50);
const rounds = Number(process.argv[5] || 30);
const connection = { host: '127.0.0.1', port };
const pad = 'x'.repeat(100);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function millisSince(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main() {
  const name = 'flowbench-' + Date.now();
  const queue = new Queue(name, { connection });
  const flows = new FlowProducer({ connection });
  let finished = null;
  let plainLeft = 0;
  const worker = new Worker(
    name,
    async job => {
      if (job.name === 'root') {
        const children = [];
        for (let k = 0; k < n; k++) {
          children.push({ name: 'step', queueName: name, data: { k, pad } });
        }
        await flows.add({ name: 'sink', queueName: name, data: { k: n, pad }, children });
        return 0;
      }
      if (job.name === 'sink') {
        return Object.keys(await job.getChildrenValues()).length;
      }
      return job.data.k;
    },
    { connection, concurrency },
  );
  worker.on('completed', job => {
    if (job.name === 'sink' || (job.name === 'plain' && --plainLeft === 0)) {
      finished();
    }
  });
  await worker.waitUntilReady();

  const plain = [];
  const fan = [];
  for (let r = 0; r < rounds; r++) {
    let done = new Promise(resolve => (finished = resolve));
    plainLeft = n + 2;
    let start = process.hrtime.bigint();
    const jobs = [];
    for (let k = 0; k < n + 2; k++) {
      jobs.push({ name: 'plain', data: { k, pad } });
    }
    await queue.addBulk(jobs);
    await done;
    plain.push(millisSince(start));

    done = new Promise(resolve => (finished = resolve));
    start = process.hrtime.bigint();
    await queue.add('root', { k: 0, pad });
    await done;
    fan.push(millisSince(start));
  }
  const measured = Math.max(1, Math.floor(rounds / 3));
  const plainMs = median(plain.slice(-measured));
  const fanMs = median(fan.slice(-measured));
  console.log(
    JSON.stringify({
      peer: 'bullmq ' + require('bullmq/package.json').version,
      fan_jobs: n + 2,
      concurrency,
      plain_ms: +plainMs.toFixed(2),
      fan_ms: +fanMs.toFixed(2),
      fan_over_plain: +(fanMs / plainMs).toFixed(2),
    }),
  );
  await worker.close();
  await flows.close();
  await queue.obliterate({ force: true });
  await queue.close();
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
