// Every process that consumes queues, from the heartbeats in the backend: its queues and
// concurrency, and the jobs it runs right now and for how long.
import { el, card, emptyRow, fmtNumber, link, syncRows, table, timeCell } from '../dom.js';
import { getJson } from '../api.js';
import * as router from '../router.js';

export function mount(root) {
  root.append(card('workers-section', 'Workers', [el('span', { id: 'workers-note', className: 'muted' })],
      table('workers-table', ['Process', 'App', 'Host', '#Pid', 'Queues', 'Started', 'Last seen', 'Running'])));
  return async () => {
    const tbody = document.querySelector('#workers-table tbody');
    let data;
    try {
      data = await getJson('/api/workers');
    } catch (error) {
      emptyRow(tbody, 8, error.message);
      return;
    }
    const processes = data.processes || [];
    document.getElementById('workers-note').textContent = `${processes.length} process(es)`;
    if (processes.length === 0) {
      emptyRow(tbody, 8, 'No process consumes queues right now.');
      return;
    }
    syncRows(tbody, processes, (p) => p.id, (p) => [
      { content: el('span', { className: 'mono' }, p.id), col: 'id' },
      { content: p.app, col: 'app' },
      { content: p.host, col: 'host' },
      { content: String(p.pid), className: 'num', col: 'pid' },
      { content: el('div', {}, p.queues.map((q) => el('div', {},
          link(router.href(['queues', q.queue, 'active']), q.queue, 'mono'), ` × ${q.concurrency}`))), col: 'queues' },
      { content: timeCell(p.startedAt), col: 'started' },
      { content: timeCell(p.lastSeen), col: 'seen' },
      { content: p.running.length === 0 ? el('span', { className: 'muted' }, 'idle')
          : el('div', {}, p.running.map((r) => el('div', {},
              link(router.href(['queues', r.queue, 'active', r.jobId]), `${r.queue} #${r.jobId}`, 'mono'),
              ` ${r.name}, ${fmtNumber(r.runningMs / 1000)} s`))), col: 'running' },
    ]);
  };
}
