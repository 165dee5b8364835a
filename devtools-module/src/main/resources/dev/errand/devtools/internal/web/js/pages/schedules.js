// Runtime schedules (JobSchedules): a list by id prefix, paged, and #/schedules/<id> with the next
// runs; pause, resume, run now and remove.
import { el, badge, block, button, card, emptyRow, fields, fmtNumber, fmtTime, link, pretty, syncRows, table, timeCell } from '../dom.js';
import { act, enc, getJson } from '../api.js';
import * as router from '../router.js';

export function mount(root, route) {
  return route.parts[0] ? detail(root, route.parts[0]) : list(root, route);
}

function when(s) {
  const w = s.when;
  if (w.kind === 'CRON') return `${w.expression} (${w.zone})`;
  if (w.kind === 'INTERVAL') return 'every ' + duration(w.intervalSeconds);
  return 'once at ' + fmtTime(w.at);
}

function duration(seconds) {
  if (seconds % 86400 === 0) return `${seconds / 86400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

function scheduleButtons(s, onRemoved) {
  const base = `/api/schedules/${enc(s.id)}`;
  return el('div', { className: 'actions' },
      s.paused
          ? button('Resume', 'resume', () => act(`${base}/resume`, `Resumed ${s.id}`))
          : button('Pause', 'pause', () => act(`${base}/pause`, `Paused ${s.id}`)),
      button('Run now', 'trigger', () => act(`${base}/trigger`, (b) => `Added job ${b.jobId}`)),
      button('Remove', 'remove', async () => {
        if (!confirm(`Remove schedule ${s.id}? No tick of it runs from now on.`)) return;
        if (await act(`${base}/remove`, `Removed ${s.id}`) && onRemoved) onRemoved();
      }, { danger: true }));
}

function list(root, route) {
  const prefix = route.options.get('prefix') || '';
  const after = route.options.get('after') || '';
  const filter = el('input', { id: 'schedule-prefix', attrs: { type: 'search', placeholder: 'Id prefix, e.g. report:', autocomplete: 'off' } });
  filter.value = prefix;
  filter.addEventListener('change', () => router.go(['schedules'], { prefix: filter.value.trim() }));
  const next = el('a', { id: 'schedules-next', className: 'button-like disabled' }, 'Next page ›');
  root.append(card('schedules-section', 'Schedules', [el('span', { id: 'schedules-note', className: 'muted' }),
    el('span', { className: 'spacer' }), filter],
  table('schedules-table', ['Id', 'When', 'Job', 'Paused', 'Next run', 'Last run', '#Runs', 'Actions']),
  el('div', { className: 'pager' }, after ? link(router.href(['schedules'], { prefix }), '« First page', 'button-like') : null, next)));
  return async () => {
    const tbody = document.querySelector('#schedules-table tbody');
    const params = new URLSearchParams({ prefix, limit: 50 });
    if (after) params.set('after', after);
    const page = await getJson('/api/schedules?' + params);
    const note = document.getElementById('schedules-note');
    if (!page.available) {
      note.textContent = page.reason;
      emptyRow(tbody, 8, page.reason);
      return;
    }
    note.textContent = `${page.schedules.length} shown` + (prefix ? ` with prefix “${prefix}”` : '');
    next.classList.toggle('disabled', !page.nextAfter);
    if (page.nextAfter) next.setAttribute('href', router.href(['schedules'], { prefix, after: page.nextAfter }));
    if (page.schedules.length === 0) {
      emptyRow(tbody, 8, 'No schedules.');
      return;
    }
    syncRows(tbody, page.schedules, (s) => s.id, (s) => [
      { content: link(router.href(['schedules', s.id]), s.id, 'mono'), col: 'id' },
      { content: el('span', { className: 'mono' }, when(s)), col: 'when' },
      { content: el('span', {}, el('span', { className: 'mono' }, s.queue), ' / ', s.name), col: 'job' },
      { content: badge(s.paused ? 'paused' : 'active', s.paused ? 'paused' : 'up'), col: 'paused' },
      { content: timeCell(s.nextRun), col: 'next' },
      { content: timeCell(s.lastRun), col: 'last' },
      { content: fmtNumber(s.runs), className: 'num', col: 'runs' },
      { content: scheduleButtons(s), col: 'actions' },
    ], (id) => router.go(['schedules', id]));
  };
}

function detail(root, id) {
  const actions = el('div', { id: 'schedule-actions' });
  const body = el('div', { id: 'schedule-body' });
  root.append(card('schedule-section', 'Schedule ', [el('span', { id: 'schedule-id', className: 'mono' }, id),
    el('span', { className: 'spacer' }), actions, link('#/schedules', 'All schedules', 'button-like')], body));
  return async () => {
    let s;
    try {
      s = await getJson(`/api/schedules/${enc(id)}`);
    } catch (error) {
      body.replaceChildren(el('p', { className: 'error-text pad' }, error.message));
      actions.replaceChildren();
      return;
    }
    actions.replaceChildren(scheduleButtons(s, () => router.go(['schedules'])));
    const w = s.when;
    body.replaceChildren(fields('schedule-fields', [
      ['When', el('span', { className: 'mono' }, when(s))], ['Queue', s.queue], ['Job name', s.name],
      ['Paused', badge(s.paused ? 'paused' : 'active', s.paused ? 'paused' : 'up')],
      ['Next run', timeCell(s.nextRun)], ['Last run', timeCell(s.lastRun)], ['Runs', fmtNumber(s.runs)],
      ['Starts', timeCell(w.start)], ['Ends', timeCell(w.end)], ['Limit', fmtNumber(w.limit)], ['Misfire', w.misfire],
    ]), el('div', { className: 'blocks' },
        block('Payload', pretty(s.payload)),
        el('div', { className: 'block' }, el('h3', {}, 'Next runs'),
            el('ol', { id: 'next-runs' }, (s.nextRuns || []).map((t) => el('li', {}, timeCell(t)))))));
  };
}
