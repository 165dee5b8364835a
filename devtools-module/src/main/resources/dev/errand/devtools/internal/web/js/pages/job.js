// One job: its fields, its actions, each attempt, and its failure with the whole stack trace.
import { el, badge, block, button, card, emptyRow, fields, fmtNumber, link, oneLine, pretty, syncRows, table, timeCell } from '../dom.js';
import { act, enc, getJson } from '../api.js';
import * as router from '../router.js';

const MISSING = 'not available in this version of errand-queue';

/** The actions that fit a job's state; after a removal, onRemoved runs (the detail goes back). */
export function jobButtons(queue, job, onRemoved) {
  const base = `/api/queues/${enc(queue)}/jobs/${enc(job.id)}`;
  const box = el('div', { className: 'actions' });
  if (job.state === 'failed' || job.state === 'dead') {
    box.appendChild(button('Retry', 'retry', () => act(`${base}/retry`, `Retrying ${job.id}`)));
  }
  if (job.state === 'delayed') {
    box.appendChild(button('Promote', 'promote', () => act(`${base}/promote`, `Promoted ${job.id}`), { title: 'Run it now' }));
  }
  if (job.state === 'active') {
    box.appendChild(button('Cancel', 'cancel', () => {
      if (confirm(`Cancel running job ${job.id}? It fails without a retry.`)) act(`${base}/cancel`, `Cancelled ${job.id}`);
    }, { danger: true }));
  } else {
    box.appendChild(button('Remove', 'remove', async () => {
      if (!confirm(`Remove job ${job.id}?`)) return;
      if (await act(`${base}/remove`, `Removed ${job.id}`) && onRemoved) onRemoved();
    }, { danger: true }));
  }
  return box;
}

export function mount(root, route) {
  const [queue, state, id] = route.parts;
  const back = router.href(['queues', queue, state]);
  const actions = el('div', { id: 'detail-actions' });
  root.append(card('detail-section', 'Job ', [
    el('span', { id: 'detail-id', className: 'mono' }, id),
    el('span', { className: 'muted' }, 'in ', link(back, `${queue} / ${state}`)),
    el('span', { className: 'spacer' }), actions,
    link(back, 'Back to the list', 'button-like'),
  ], el('div', { id: 'detail-fields-box' }), el('div', { id: 'detail-failure' }),
  el('div', { id: 'detail-attempts' }), el('div', { id: 'detail-blocks' })));
  let signature = null;
  return async () => {
    let job;
    try {
      job = await getJson(`/api/queues/${enc(queue)}/jobs/${enc(id)}`);
    } catch (error) {
      document.getElementById('detail-fields-box').replaceChildren(el('p', { className: 'error-text pad' }, error.message));
      actions.replaceChildren();
      signature = null;
      return;
    }
    // Redraw only on change, so a reader's scroll position inside a long trace survives polling.
    const now = JSON.stringify(job);
    if (now === signature) return;
    signature = now;
    actions.replaceChildren(jobButtons(queue, job, () => router.go(['queues', queue, state])));
    render(job);
  };
}

function render(job) {
  const runsAt = job.runsAt && (job.state === 'delayed' || job.state === 'waiting') ? timeCell(job.runsAt) : null;
  document.getElementById('detail-fields-box').replaceChildren(fields('detail-fields', [
    ['Queue', job.queue], ['Name', job.name], ['State', badge(job.state, 'state-' + job.state)],
    ['Attempts', fmtNumber(job.attemptsMade)], ['Priority', fmtNumber(job.priority)],
    ['Stalls', fmtNumber(job.stalls)], ['Created', timeCell(job.createdAt)],
    ['Started', timeCell(job.startedAt)], ['Finished', timeCell(job.finishedAt)],
    ['Runs at', runsAt], ['Progress', job.progress ?? '—'],
  ]));
  const failure = document.getElementById('detail-failure');
  failure.replaceChildren();
  if (job.failure) {
    failure.append(el('div', { className: 'failure-head' }, el('h3', {}, 'Failure'),
        el('p', { id: 'failure-message', className: 'error-text mono' },
            `${job.failure.exceptionClass}: ${job.failure.message ?? ''}`)));
    if (job.failure.stackTrace) failure.append(block('Stack trace', job.failure.stackTrace, 'trace'));
  }
  renderAttempts(job.attempts);
  const blocks = [['Payload', pretty(job.payload)], ['Result', pretty(job.result)]];
  if (job.metadata && Object.keys(job.metadata).length) blocks.push(['Metadata', pretty(job.metadata)]);
  if (job.options) blocks.push(['Options', pretty(job.options)]);
  blocks.push(['Logs', job.logs && job.logs.length ? job.logs.join('\n') : '(none)']);
  document.getElementById('detail-blocks').replaceChildren(
      ...blocks.filter(([, v]) => v !== null).map(([title, text]) => block(title, text)));
}

/** Each attempt with its worker, duration and error; a click shows that attempt's trace. */
function renderAttempts(attempts) {
  const box = document.getElementById('detail-attempts');
  if (!Array.isArray(attempts)) {
    box.replaceChildren();
    return;
  }
  const trace = el('div', { id: 'attempt-trace' });
  box.replaceChildren(el('h3', {}, 'Attempts'),
      table('attempts-table', ['#Attempt', 'Started', 'Finished', 'Worker', '#Duration ms', 'Error']), trace);
  const tbody = box.querySelector('tbody');
  if (attempts.length === 0) {
    emptyRow(tbody, 6, 'No attempt has started yet.');
    return;
  }
  syncRows(tbody, attempts, (a) => a.attempt, (a) => [
    { content: fmtNumber(a.attempt), className: 'num', col: 'attempt' },
    { content: timeCell(a.startedAt), col: 'started' },
    { content: timeCell(a.finishedAt), col: 'finished' },
    { content: el('span', { className: 'mono' }, a.worker ?? '—'), col: 'worker' },
    { content: fmtNumber(a.durationMs), className: 'num', col: 'duration' },
    { content: oneLine(a.error), className: 'error-text failure', col: 'error' },
  ], (key) => {
    const a = attempts.find((x) => String(x.attempt) === key);
    trace.replaceChildren(a && a.stack ? block(`Stack trace of attempt ${a.attempt}`, a.stack, 'trace') : '');
  });
}
