// One queue's jobs in one state: tabs per state, search by id, name or payload, paging, and bulk
// retry or remove of the ticked jobs.
import { el, badge, button, card, emptyRow, fmtNumber, link, oneLine, syncRows, table, timeCell } from '../dom.js';
import { act, enc, getJson } from '../api.js';
import * as router from '../router.js';
import { retryFailed } from './overview.js';
import { jobButtons } from './job.js';

const PAGE_SIZE = 20;
const STATES = ['waiting', 'delayed', 'active', 'completed', 'failed', 'dead'];
const COLUMNS = 11;

export function mount(root, route) {
  const queue = route.parts[0];
  const state = STATES.includes(route.parts[1]) ? route.parts[1] : 'failed';
  const offset = Math.max(0, parseInt(route.options.get('offset') || '0', 10) || 0);
  const view = { search: route.options.get('search') || '', inPayload: route.options.get('in') === 'payload' };
  const selected = new Set();

  const search = el('input', { id: 'job-search', attrs: { type: 'search', autocomplete: 'off',
    placeholder: 'Search by job id or name' } });
  search.value = view.search;
  const inPayload = el('input', { id: 'search-payload', attrs: { type: 'checkbox' } });
  inPayload.checked = view.inPayload;
  const tabs = el('div', { id: 'state-tabs', className: 'tabs' }, STATES.map((s) =>
      el('a', { className: 'tab state-' + s + (s === state ? ' selected' : ''), data: { state: s },
        attrs: { href: router.href(['queues', queue, s]) } }, el('span', {}, s), ' ', el('span', { className: 'count' }, ''))));
  const selectAll = el('input', { id: 'select-all', attrs: { type: 'checkbox', title: 'Select every job on this page' } });
  const bulkNote = el('span', { id: 'bulk-note', className: 'muted' });
  const bulk = el('div', { id: 'bulk-bar', className: 'bulk' },
      button('Retry selected', 'bulk-retry', () => bulkAction('retry')),
      button('Remove selected', 'bulk-remove', () => bulkAction('remove'), { danger: true }),
      bulkNote, el('span', { className: 'spacer' }),
      button('Retry all failed and dead', 'retry-failed', () => counts && retryFailed({ name: queue, counts })));
  const pager = el('div', { className: 'pager' },
      el('a', { id: 'page-prev', className: 'button-like' }, '‹ Newer'),
      el('span', { id: 'page-info', className: 'muted' }),
      el('a', { id: 'page-next', className: 'button-like' }, 'Older ›'));
  root.append(card('jobs-section', 'Jobs', [
    el('span', {}, 'in ', link(router.href(['queues', queue, state]), queue, 'mono')),
    tabs, el('span', { className: 'spacer' }), search,
    el('label', { className: 'muted', title: 'Look inside payloads (a bounded scan of the newest jobs)' }, inPayload, ' in payloads'),
  ], bulk, table('jobs-table', [el('th', {}, selectAll), 'Id', 'Name', 'State', '#Attempts', '#Priority',
    'Created', 'Finished', 'Runs at', 'Failure', 'Actions']), pager));

  let counts = null;
  let shown = [];
  const updateBulk = () => {
    bulk.querySelectorAll('button[data-action^=bulk]').forEach((b) => (b.disabled = selected.size === 0));
    bulkNote.textContent = selected.size ? `${selected.size} selected` : 'tick jobs to act on several at once';
    selectAll.checked = shown.length > 0 && shown.every((j) => selected.has(j.id));
  };
  selectAll.addEventListener('change', () => {
    shown.forEach((j) => (selectAll.checked ? selected.add(j.id) : selected.delete(j.id)));
    document.querySelectorAll('#jobs-table tbody input.pick').forEach((box) => (box.checked = selectAll.checked));
    updateBulk();
  });
  let timer;
  const searchChanged = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      view.search = search.value.trim();
      view.inPayload = inPayload.checked;
      router.replaceOptions({ search: view.search, in: view.inPayload ? 'payload' : '' });
      refresh();
    }, 250);
  };
  search.addEventListener('input', searchChanged);
  inPayload.addEventListener('change', searchChanged);

  async function bulkAction(action) {
    const ids = [...selected];
    if (!confirm(`${action === 'retry' ? 'Retry' : 'Remove'} ${ids.length} selected job(s) of ${queue}?`)) return;
    selected.clear();
    document.querySelectorAll('#jobs-table tbody input.pick').forEach((box) => (box.checked = false));
    await act(`/api/queues/${enc(queue)}/bulk/${action}`,
        (b) => `${action === 'retry' ? 'Retried' : 'Removed'} ${b.done.length} job(s)` +
            (b.refused.length ? `; ${b.refused.length} refused: ${b.refused[0].reason}` : ''), { ids });
  }

  async function refresh() {
    const tbody = document.querySelector('#jobs-table tbody');
    let page;
    try {
      const q = await getJson(`/api/queues/${enc(queue)}`);
      counts = q.counts;
      for (const tab of tabs.children) tab.querySelector('.count').textContent = fmtNumber(counts[tab.dataset.state]);
      page = await fetchJobs(queue, state, offset, view);
    } catch (error) {
      emptyRow(tbody, COLUMNS, error.message);
      return;
    }
    renderPage(queue, state, offset, page, view);
    shown = page.jobs;
    if (shown.length === 0) {
      emptyRow(tbody, COLUMNS, view.search ? 'No job matches.' : `No ${state} jobs.`);
    } else {
      syncRows(tbody, page.jobs, (j) => j.id, (j) => [
        { content: pick(j.id, selected, updateBulk), col: 'pick' },
        { content: link(router.href(['queues', queue, state, j.id]), j.id, 'mono'), col: 'id' },
        { content: j.name, col: 'name' },
        { content: badge(j.state, 'state-' + j.state), col: 'state' },
        { content: fmtNumber(j.attemptsMade), className: 'num', col: 'attempts' },
        { content: fmtNumber(j.priority), className: 'num', col: 'priority' },
        { content: timeCell(j.createdAt), col: 'created' },
        { content: timeCell(j.finishedAt), col: 'finished' },
        { content: j.runsAt ? timeCell(j.runsAt) : '—', col: 'runs-at' },
        { content: oneLine(j.failure), className: 'error-text failure', col: 'failure' },
        { content: jobButtons(queue, j), col: 'actions' },
      ], (id) => router.go(['queues', queue, state, id]));
    }
    updateBulk();
  }
  return refresh;
}

function pick(id, selected, changed) {
  const box = el('input', { className: 'pick', attrs: { type: 'checkbox', 'aria-label': 'select job ' + id } });
  box.checked = selected.has(id);
  box.addEventListener('click', (event) => event.stopPropagation());
  box.addEventListener('change', () => {
    if (box.checked) selected.add(id); else selected.delete(id);
    changed();
  });
  return box;
}

async function fetchJobs(queue, state, offset, view) {
  if (view.search && view.inPayload) {
    const params = new URLSearchParams({ text: view.search, state, limit: PAGE_SIZE });
    const found = await getJson(`/api/queues/${enc(queue)}/search?${params}`);
    return { ...found, offset: 0, total: found.jobs.length, search: view.search };
  }
  const params = new URLSearchParams({ state, offset, limit: PAGE_SIZE });
  if (view.search) params.set('search', view.search);
  return getJson(`/api/queues/${enc(queue)}/jobs?${params}`);
}

function renderPage(queue, state, offset, page, view) {
  const first = page.total === 0 ? 0 : offset + 1;
  const last = offset + page.jobs.length;
  let info = `${first}–${last} of ${fmtNumber(page.total)} ${state}`;
  if (view.search) {
    info = `${page.jobs.length} match(es) for “${view.search}”` + (page.scanned !== undefined
        ? ` in payloads, ${fmtNumber(page.scanned)} jobs scanned${page.complete ? '' : ' (limit reached)'}` : '');
  }
  document.getElementById('page-info').textContent = info;
  const prev = document.getElementById('page-prev');
  const next = document.getElementById('page-next');
  const pageLink = (node, enabled, to) => {
    node.classList.toggle('disabled', !enabled);
    if (enabled) node.setAttribute('href', router.href(['queues', queue, state], { offset: to }));
    else node.removeAttribute('href');
  };
  pageLink(prev, offset > 0 && !view.search, Math.max(0, offset - PAGE_SIZE));
  pageLink(next, last < page.total && !view.search, offset + PAGE_SIZE);
}
