// The front page: every queue with its counts and actions, and the application's health.
import { el, badge, button, card, emptyRow, fmtNumber, link, syncRows, table } from '../dom.js';
import { act, enc, getJson } from '../api.js';
import * as router from '../router.js';
import * as chart from './chart.js';

/** Which queue actions this errand-queue version offers (all, unless the server says otherwise). */
export const queueActions = {};
const MISSING = 'not available in this version of errand-queue';
const can = (name) => queueActions[name] !== false;

export function mount(root) {
  const history = chart.mount();
  root.append(
      card('queues-section', 'Queues', [el('span', { id: 'queues-note', className: 'muted' })],
          table('queues-table', ['Queue', '#Waiting', '#Delayed', '#Active', '#Completed', '#Failed',
            '#Dead', 'Paused',
            el('th', { className: 'num', title: 'jobs this process finished per minute, over the last minute' }, 'Per min'),
            el('th', { className: 'num', title: 'handler time in this process, median' }, 'p50 ms'),
            el('th', { className: 'num', title: 'handler time in this process, 95th percentile' }, 'p95 ms'),
            'Actions'])),
      history.node,
      card('health-section', 'Health', null, table('health-table', ['Component', 'Status', 'Detail'])));
  return async () => {
    const [queues, health] = await Promise.all([getJson('/api/queues'), getJson('/api/health')]);
    renderQueues(queues);
    renderHealth(health);
    await history.refresh(queues.available ? queues.queues.map((q) => q.name) : []);
  };
}

function renderHealth(health) {
  syncRows(document.querySelector('#health-table tbody'), health.components, (c) => c.name, (c) => [
    { content: c.name, col: 'name' },
    { content: badge(c.up ? 'up' : 'down', c.up ? 'up' : 'down'), col: 'status' },
    { content: c.detail, col: 'detail', className: 'wrap' },
  ]);
}

function renderQueues(data) {
  const tbody = document.querySelector('#queues-table tbody');
  const note = document.getElementById('queues-note');
  if (!data.available) {
    note.textContent = data.reason;
    emptyRow(tbody, 12, data.reason);
    return;
  }
  Object.assign(queueActions, data.actions || {});
  note.textContent = data.queues.length + ' queue(s)';
  if (data.queues.length === 0) {
    emptyRow(tbody, 12, 'No queues yet.');
    return;
  }
  syncRows(tbody, data.queues, (q) => q.name, (q) => {
    const counts = q.counts;
    const num = (state) => ({
      content: counts[state] > 0 ? link(router.href(['queues', q.name, state]), fmtNumber(counts[state]))
          : fmtNumber(counts[state]),
      className: 'num' + (counts[state] > 0 ? ' has-' + state : ''),
      col: state,
    });
    const m = q.metrics || {};
    return [
      { content: link(router.href(['queues', q.name, 'failed']), q.name, 'mono'), col: 'name' },
      num('waiting'), num('delayed'), num('active'), num('completed'), num('failed'), num('dead'),
      { content: badge(q.paused ? 'paused' : 'running', q.paused ? 'paused' : 'up'), col: 'paused' },
      { content: fmtNumber(m.throughputPerMinute), className: 'num', col: 'throughput' },
      { content: fmtNumber(m.p50Ms), className: 'num', col: 'p50' },
      { content: el('span', { title: `p99 ${fmtNumber(m.p99Ms)} ms, mean ${fmtNumber(m.meanMs)} ms, ` +
          `${fmtNumber(m.inFlight)} in flight (this process)` }, fmtNumber(m.p95Ms)), className: 'num', col: 'p95' },
      { content: queueButtons(q), col: 'actions' },
    ];
  }, (name) => router.go(['queues', name, 'failed']));
}

function queueButtons(q) {
  const counts = q.counts;
  const base = `/api/queues/${enc(q.name)}`;
  const option = (name, title) => ({ disabled: !can(name), title: can(name) ? title : MISSING });
  return el('div', { className: 'actions' },
      q.paused
          ? button('Resume', 'resume', () => act(`${base}/resume`, `Resumed ${q.name}`), option('resume', ''))
          : button('Pause', 'pause', () => act(`${base}/pause`, `Paused ${q.name}`), option('pause', '')),
      button('Retry failed', 'retry-failed', () => retryFailed(q),
          { ...option('retryAll', 'Retry every failed and dead job'), disabled: !can('retryAll') || counts.failed + counts.dead === 0 }),
      button('Clean', 'clean', () => cleanQueue(q.name), option('clean', 'Delete completed jobs older than an hour')),
      button('Drain', 'drain', () => drainQueue(q.name, counts.waiting),
          { ...option('drain', 'Delete every waiting job'), danger: true, disabled: !can('drain') || counts.waiting === 0 }));
}

/** "Retry failed" also revives dead jobs: it says so and asks first. */
export function retryFailed(q) {
  const { failed, dead } = q.counts;
  if (!confirm(`Retry all ${failed} failed and ${dead} dead jobs of ${q.name}? ` +
      'Dead jobs, which ran out of attempts, run again too.')) return;
  act(`/api/queues/${enc(q.name)}/retry-failed`, (body) => `Retrying ${body.retried} jobs of ${q.name}`);
}

function cleanQueue(queue) {
  if (!confirm(`Delete completed jobs of ${queue} that finished more than an hour ago?`)) return;
  act(`/api/queues/${enc(queue)}/clean?state=completed&olderThanSeconds=3600`, `Cleaned completed jobs of ${queue}`);
}

function drainQueue(queue, waiting) {
  if (!confirm(`Delete all ${waiting} waiting jobs of ${queue}? Delayed and running jobs stay.`)) return;
  act(`/api/queues/${enc(queue)}/drain`, `Drained ${queue}`);
}
