// Cron jobs declared in code: schedule, latest run and actions; #/cron/<id> adds the job's history.
import { el, badge, button, card, emptyRow, fmtNumber, link, oneLine, syncRows, table, timeCell } from '../dom.js';
import { act, enc, getJson } from '../api.js';
import * as router from '../router.js';

export function mount(root, route) {
  const historyId = route.parts[0] || null;
  root.append(card('cron-section', 'Cron', [el('span', { id: 'cron-totals', className: 'muted' })],
      table('cron-table', ['Job', 'Schedule', 'Zone', 'Enabled', 'Next run', 'Last run', 'Last status',
        '#Duration ms', 'Last error', 'Actions'])));
  if (historyId) {
    root.append(card('history-section', 'History of ', [
      el('span', { id: 'history-id', className: 'mono' }, historyId), el('span', { className: 'spacer' }),
      link('#/cron', 'Close', 'button-like')],
    table('history-table', ['Tick', 'Started', 'Finished', 'Status', '#Duration ms', 'Error', 'Instance'])));
  }
  return async () => {
    renderCron(await getJson('/api/cron'));
    if (historyId) await refreshHistory(historyId);
  };
}

function renderCron(data) {
  const tbody = document.querySelector('#cron-table tbody');
  if (!data.available) {
    document.getElementById('cron-totals').textContent = data.reason;
    emptyRow(tbody, 10, data.reason);
    return;
  }
  const t = data.totals;
  document.getElementById('cron-totals').textContent =
      `this process: ${fmtNumber(t.runs)} runs, ${fmtNumber(t.successes)} ok, ${fmtNumber(t.failures)} failed, ` +
      `${fmtNumber(t.skipped)} skipped, mean ${fmtNumber(t.meanDurationMs)} ms`;
  if (data.jobs.length === 0) {
    emptyRow(tbody, 10, 'No cron jobs.');
    return;
  }
  syncRows(tbody, data.jobs, (j) => j.id, (j) => [
    { content: el('div', {}, link(router.href(['cron', j.id]), j.id, 'mono'),
        j.description ? el('div', { className: 'muted' }, j.description) : null), col: 'id' },
    { content: el('span', { className: 'mono' }, j.expression), col: 'expression' },
    { content: j.zone, col: 'zone' },
    { content: badge(j.enabled ? 'enabled' : 'disabled', j.enabled ? 'up' : 'paused'), col: 'enabled' },
    { content: timeCell(j.nextRun), col: 'next' },
    { content: timeCell(j.lastRun), col: 'last' },
    { content: j.lastStatus ? badge(j.lastStatus.toLowerCase(), 'run-' + j.lastStatus.toLowerCase()) : '—', col: 'status' },
    { content: fmtNumber(j.lastDurationMs), className: 'num', col: 'duration' },
    { content: oneLine(j.lastError), className: 'error-text failure', col: 'error' },
    { content: el('div', { className: 'actions' },
        button('Run now', 'trigger', () => act(`/api/cron/${enc(j.id)}/trigger`, `Triggered ${j.id}`)),
        j.enabled
            ? button('Disable', 'disable', () => act(`/api/cron/${enc(j.id)}/disable`, `Disabled ${j.id}`))
            : button('Enable', 'enable', () => act(`/api/cron/${enc(j.id)}/enable`, `Enabled ${j.id}`))),
    col: 'actions' },
  ], (id) => router.go(['cron', id]));
}

async function refreshHistory(id) {
  const tbody = document.querySelector('#history-table tbody');
  try {
    const data = await getJson(`/api/cron/${enc(id)}/history?limit=20`);
    if (data.runs.length === 0) {
      emptyRow(tbody, 7, 'No runs recorded yet.');
      return;
    }
    syncRows(tbody, data.runs, (r) => r.scheduledAt + '|' + r.startedAt, (r) => [
      { content: timeCell(r.scheduledAt), col: 'tick' },
      { content: timeCell(r.startedAt), col: 'started' },
      { content: timeCell(r.finishedAt), col: 'finished' },
      { content: badge(r.status.toLowerCase(), 'run-' + r.status.toLowerCase()), col: 'status' },
      { content: fmtNumber(r.durationMs), className: 'num', col: 'duration' },
      { content: oneLine(r.error), className: 'error-text failure', col: 'error' },
      { content: el('span', { className: 'mono' }, r.instance), col: 'instance' },
    ]);
  } catch (error) {
    emptyRow(tbody, 7, error.message);
  }
}
