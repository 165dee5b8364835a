// Workflows and batches: a list, newest first, and #/workflows/<id> with each step, what it waits
// for and its state; retry the failed steps, cancel the unfinished ones, remove a finished workflow.
import { el, badge, button, card, emptyRow, fmtNumber, link, oneLine, syncRows, table } from '../dom.js';
import { act, enc, getJson } from '../api.js';
import * as router from '../router.js';

const PAGE_SIZE = 25;

export function mount(root, route) {
  return route.parts[0] ? detail(root, route.parts[0]) : list(root, route);
}

const stateBadge = (state) => badge(state.toLowerCase().replaceAll('_', ' '), 'step-' + state.toLowerCase());

function workflowButtons(w, onRemoved) {
  const base = `/api/workflows/${enc(w.id)}`;
  return el('div', { className: 'actions' },
      button('Retry failed steps', 'retry', () => act(`${base}/retry`, (b) => `Retried ${b.retried} step(s)`),
          { disabled: !w.counts.FAILED && !w.counts.DEPENDENCY_FAILED }),
      button('Cancel', 'cancel', () => {
        if (confirm(`Cancel workflow ${w.id}? Its unfinished steps never run.`)) {
          act(`${base}/cancel`, (b) => `Cancelled ${b.cancelled} step(s)`);
        }
      }, { danger: true, disabled: w.finished }),
      button('Remove', 'remove', async () => {
        if (!confirm(`Remove workflow ${w.id}'s bookkeeping? Its jobs stay in their queues.`)) return;
        if (await act(`${base}/remove`, `Removed ${w.id}`) && onRemoved) onRemoved();
      }, { danger: true, disabled: !w.finished, title: w.finished ? '' : 'cancel it first' }));
}

function summary(counts) {
  return Object.entries(counts).map(([state, n]) => `${n} ${state.toLowerCase().replaceAll('_', ' ')}`).join(', ');
}

function list(root, route) {
  const offset = Math.max(0, parseInt(route.options.get('offset') || '0', 10) || 0);
  const prev = el('a', { className: 'button-like disabled', id: 'workflows-prev' }, '‹ Newer');
  const next = el('a', { className: 'button-like disabled', id: 'workflows-next' }, 'Older ›');
  root.append(card('workflows-section', 'Workflows', [el('span', { id: 'workflows-note', className: 'muted' })],
      table('workflows-table', ['Id', '#Steps', 'Finished', 'Steps by state', 'Actions']),
      el('div', { className: 'pager' }, prev, next)));
  return async () => {
    const tbody = document.querySelector('#workflows-table tbody');
    const page = await getJson(`/api/workflows?offset=${offset}&limit=${PAGE_SIZE}`);
    if (!page.available) {
      document.getElementById('workflows-note').textContent = page.reason;
      emptyRow(tbody, 5, page.reason);
      return;
    }
    const more = page.workflows.length === PAGE_SIZE;
    prev.classList.toggle('disabled', offset === 0);
    if (offset > 0) prev.setAttribute('href', router.href(['workflows'], { offset: Math.max(0, offset - PAGE_SIZE) }));
    next.classList.toggle('disabled', !more);
    if (more) next.setAttribute('href', router.href(['workflows'], { offset: offset + PAGE_SIZE }));
    if (page.workflows.length === 0) {
      emptyRow(tbody, 5, 'No workflows.');
      return;
    }
    syncRows(tbody, page.workflows, (w) => w.id, (w) => [
      { content: link(router.href(['workflows', w.id]), w.id, 'mono'), col: 'id' },
      { content: fmtNumber(w.steps), className: 'num', col: 'steps' },
      { content: badge(w.finished ? 'finished' : 'running', w.finished ? 'up' : 'paused'), col: 'finished' },
      { content: summary(w.counts), col: 'states' },
      { content: workflowButtons(w), col: 'actions' },
    ], (id) => router.go(['workflows', id]));
  };
}

/** How deep each step sits: one more than the deepest step it waits for. */
function depths(steps) {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const depth = new Map();
  const visit = (s, seen) => {
    if (depth.has(s.id)) return depth.get(s.id);
    if (seen.has(s.id)) return 0;
    seen.add(s.id);
    const d = Math.max(-1, ...s.dependsOn.map((id) => (byId.has(id) ? visit(byId.get(id), seen) : -1))) + 1;
    depth.set(s.id, d);
    return d;
  };
  steps.forEach((s) => visit(s, new Set()));
  return depth;
}

function detail(root, id) {
  const actions = el('div', { id: 'workflow-actions' });
  const note = el('span', { id: 'workflow-note', className: 'muted' });
  root.append(card('workflow-section', 'Workflow ', [el('span', { id: 'workflow-id', className: 'mono' }, id), note,
    el('span', { className: 'spacer' }), actions, link('#/workflows', 'All workflows', 'button-like')],
  table('steps-table', ['Step', 'Waits for', 'State', 'Job', 'Failure'])));
  return async () => {
    const tbody = document.querySelector('#steps-table tbody');
    let w;
    try {
      w = await getJson(`/api/workflows/${enc(id)}`);
    } catch (error) {
      emptyRow(tbody, 5, error.message);
      actions.replaceChildren();
      return;
    }
    note.textContent = summary(w.counts);
    actions.replaceChildren(workflowButtons(w, () => router.go(['workflows'])));
    const depth = depths(w.steps);
    const ordered = [...w.steps].sort((a, b) => depth.get(a.id) - depth.get(b.id));
    syncRows(tbody, ordered, (s) => s.id, (s) => [
      { content: el('span', { className: 'step mono', data: { depth: depth.get(s.id) } },
          depth.get(s.id) > 0 ? '└ ' : '', s.id), col: 'step' },
      { content: s.dependsOn.length ? el('span', { className: 'mono' }, s.dependsOn.join(', ')) : '—', col: 'waits' },
      { content: stateBadge(s.state), col: 'state' },
      { content: s.jobId ? link(router.href(['queues', s.queue, 'completed', s.jobId]),
          `${s.queue} / ${s.name} #${s.jobId}`, 'mono') : `${s.queue} / ${s.name}`, col: 'job' },
      { content: oneLine(s.failure), className: 'error-text failure', col: 'failure' },
    ]);
  };
}
