// Errand DevTools page. Every value from the server is put into the page as text (textContent,
// createTextNode), never as markup, so job payloads, names and errors cannot inject HTML.
'use strict';

const POLL_MS = 3000;
const PAGE_SIZE = 20;
const STATES = ['waiting', 'delayed', 'active', 'completed', 'failed', 'dead'];
const csrfToken = document.querySelector('meta[name="csrf-token"]').content;

const view = {
  queue: null, // the queue whose jobs are shown
  state: 'failed',
  offset: 0,
  search: '',
  jobId: null, // the job whose detail is shown
  cronId: null, // the cron job whose history is shown
  queueActions: {},
};

// ---- small DOM helpers -------------------------------------------------------------------------

function $(id) {
  return document.getElementById(id);
}

/** An element with a class, attributes and children (strings become text nodes). */
function el(tag, options, ...children) {
  const node = document.createElement(tag);
  const opts = options || {};
  if (opts.className) node.className = opts.className;
  if (opts.title) node.title = opts.title;
  if (opts.data) Object.entries(opts.data).forEach(([k, v]) => (node.dataset[k] = v));
  if (opts.attrs) Object.entries(opts.attrs).forEach(([k, v]) => node.setAttribute(k, v));
  if (opts.onclick) node.addEventListener('click', opts.onclick);
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
  return node;
}

function badge(text, kind) {
  return el('span', { className: 'badge ' + kind }, text);
}

function button(label, action, onclick, options) {
  const opts = options || {};
  const node = el('button', { data: { action }, attrs: { type: 'button' }, title: opts.title }, label);
  if (opts.disabled) {
    node.disabled = true;
  } else {
    node.addEventListener('click', (event) => {
      event.stopPropagation();
      onclick();
    });
  }
  if (opts.danger) node.classList.add('danger');
  return node;
}

function fmtTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
      `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function timeCell(iso) {
  return el('span', { title: iso || '' }, fmtTime(iso));
}

function fmtNumber(n) {
  if (n === null || n === undefined) return '—';
  return Number(n).toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/**
 * Updates a table body in place: rows are matched by key, a cell is replaced only when what it
 * shows changed, rows that disappeared are removed. Scroll position and focus survive a refresh.
 * cells(item) returns [{content, className, col}] where content is a string or a DOM node.
 */
function syncRows(tbody, items, keyOf, cells, onRowClick) {
  const existing = new Map([...tbody.rows].map((row) => [row.dataset.key, row]));
  const wanted = new Set();
  items.forEach((item, index) => {
    const key = String(keyOf(item));
    wanted.add(key);
    let row = existing.get(key);
    if (!row) {
      row = el('tr', { data: { key } });
      if (onRowClick) {
        row.classList.add('clickable');
        row.addEventListener('click', () => onRowClick(row.dataset.key));
      }
    }
    const specs = cells(item);
    specs.forEach((spec, i) => {
      const content = typeof spec.content === 'object' && spec.content !== null
          ? spec.content : document.createTextNode(spec.content ?? '—');
      const signature = (spec.className || '') + '|' + (content.outerHTML ?? content.textContent);
      let td = row.cells[i];
      if (!td) {
        td = row.appendChild(el('td'));
      }
      if (td.dataset.sig !== signature) {
        td.className = spec.className || '';
        if (spec.col) td.dataset.col = spec.col;
        td.replaceChildren(content);
        td.dataset.sig = signature;
      }
    });
    while (row.cells.length > specs.length) row.deleteCell(-1);
    if (tbody.rows[index] !== row) tbody.insertBefore(row, tbody.rows[index] || null);
  });
  for (const [key, row] of existing) {
    if (!wanted.has(key)) row.remove();
  }
}

function emptyRow(tbody, columns, text) {
  tbody.replaceChildren(el('tr', { className: 'empty' }, el('td', { attrs: { colspan: columns } }, text)));
}

// ---- talking to the API ------------------------------------------------------------------------

async function getJson(path) {
  const response = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || `${response.status} ${response.statusText}`);
  return body;
}

async function act(path, doneMessage) {
  try {
    const response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': csrfToken },
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.error || `${response.status} ${response.statusText}`);
    showStatus(doneMessage, false);
  } catch (error) {
    showStatus(error.message, true);
  }
  refresh();
}

function showStatus(text, isError) {
  const node = $('status');
  node.textContent = text;
  node.className = 'status ' + (isError ? 'error' : 'ok');
  clearTimeout(showStatus.timer);
  showStatus.timer = setTimeout(() => (node.textContent = ''), 6000);
}

const enc = encodeURIComponent;

// ---- health ------------------------------------------------------------------------------------

function renderHealth(health) {
  const overall = $('app-health');
  overall.textContent = health.up ? 'all up' : 'something is down';
  overall.className = 'badge ' + (health.up ? 'up' : 'down');
  syncRows($('health-table').tBodies[0], health.components, (c) => c.name, (c) => [
    { content: c.name, col: 'name' },
    { content: badge(c.up ? 'up' : 'down', c.up ? 'up' : 'down'), col: 'status' },
    { content: c.detail, col: 'detail', className: 'wrap' },
  ]);
}

// ---- queues ------------------------------------------------------------------------------------

function renderQueues(data) {
  const tbody = $('queues-table').tBodies[0];
  if (!data.available) {
    $('queues-note').textContent = data.reason;
    emptyRow(tbody, 12, data.reason);
    return;
  }
  view.queueActions = data.actions || {};
  $('queues-note').textContent = data.queues.length + ' queue(s)';
  if (data.queues.length === 0) {
    emptyRow(tbody, 12, 'No queues yet.');
    return;
  }
  if (tbody.rows[0] && tbody.rows[0].classList.contains('empty')) tbody.replaceChildren();
  const can = (name) => view.queueActions[name] === true;
  const missing = 'not available in this version of errand-queue';
  syncRows(tbody, data.queues, (q) => q.name, (q) => {
    const counts = q.counts;
    const num = (state) => ({
      content: fmtNumber(counts[state]),
      className: 'num' + (counts[state] > 0 ? ' has-' + state : ''),
      col: state,
    });
    const m = q.metrics || {};
    const paused = q.paused;
    const actions = el('div', { className: 'actions' },
        paused
            ? button('Resume', 'resume', () => act(`/api/queues/${enc(q.name)}/resume`, `Resumed ${q.name}`),
                { disabled: !can('resume'), title: can('resume') ? '' : missing })
            : button('Pause', 'pause', () => act(`/api/queues/${enc(q.name)}/pause`, `Paused ${q.name}`),
                { disabled: !can('pause'), title: can('pause') ? '' : missing }),
        button('Retry failed', 'retry-failed',
            () => act(`/api/queues/${enc(q.name)}/retry-failed`, `Retrying failed jobs of ${q.name}`),
            { disabled: !can('retryAll') || counts.failed + counts.dead === 0,
              title: can('retryAll') ? 'Retry every failed and dead job' : missing }),
        button('Clean', 'clean', () => cleanQueue(q.name),
            { disabled: !can('clean'), title: can('clean') ? 'Delete finished jobs older than an hour' : missing }),
        button('Drain', 'drain', () => drainQueue(q.name, counts.waiting),
            { danger: true, disabled: !can('drain') || counts.waiting === 0,
              title: can('drain') ? 'Delete every waiting job' : missing }));
    return [
      { content: el('span', { className: 'mono' }, q.name), col: 'name' },
      num('waiting'), num('delayed'), num('active'), num('completed'), num('failed'), num('dead'),
      { content: paused === null || paused === undefined ? '—' : badge(paused ? 'paused' : 'running', paused ? 'paused' : 'up'), col: 'paused' },
      { content: fmtNumber(m.throughputPerMinute), className: 'num', col: 'throughput' },
      { content: fmtNumber(m.p50Ms), className: 'num', col: 'p50' },
      { content: el('span', { title: `p99 ${fmtNumber(m.p99Ms)} ms, mean ${fmtNumber(m.meanMs)} ms, ` +
          `${fmtNumber(m.inFlight)} in flight (this process)` }, fmtNumber(m.p95Ms)), className: 'num', col: 'p95' },
      { content: actions, col: 'actions' },
    ];
  }, selectQueue);
  const selected = data.queues.find((q) => q.name === view.queue);
  if (selected) renderStateTabs(selected.counts);
}

function cleanQueue(queue) {
  const state = view.queue === queue && (view.state === 'failed' || view.state === 'dead') ? view.state : 'completed';
  if (!confirm(`Delete ${state} jobs of ${queue} that finished more than an hour ago?`)) return;
  act(`/api/queues/${enc(queue)}/clean?state=${state}&olderThanSeconds=3600`, `Cleaned ${state} jobs of ${queue}`);
}

function drainQueue(queue, waiting) {
  if (!confirm(`Delete all ${waiting} waiting jobs of ${queue}? Delayed and running jobs stay.`)) return;
  act(`/api/queues/${enc(queue)}/drain`, `Drained ${queue}`);
}

function selectQueue(name) {
  if (view.queue !== name) {
    view.queue = name;
    view.offset = 0;
    view.search = '';
    $('job-search').value = '';
  }
  $('jobs-section').hidden = false;
  $('jobs-queue').textContent = name;
  refreshJobs();
}

function renderStateTabs(counts) {
  const tabs = $('state-tabs');
  if (tabs.children.length === 0) {
    for (const state of STATES) {
      tabs.appendChild(el('button', {
        className: 'tab state-' + state, data: { state }, attrs: { type: 'button' },
        onclick: () => { view.state = state; view.offset = 0; refreshJobs(); },
      }, el('span', {}, state), ' ', el('span', { className: 'count' }, '')));
    }
  }
  for (const tab of tabs.children) {
    tab.classList.toggle('selected', tab.dataset.state === view.state);
    tab.querySelector('.count').textContent = fmtNumber(counts[tab.dataset.state]);
  }
}

async function refreshJobs() {
  if (!view.queue) return;
  const params = new URLSearchParams({ state: view.state, offset: view.offset, limit: PAGE_SIZE });
  if (view.search) params.set('search', view.search);
  try {
    renderJobs(await getJson(`/api/queues/${enc(view.queue)}/jobs?${params}`));
  } catch (error) {
    emptyRow($('jobs-table').tBodies[0], 9, error.message);
  }
}

function renderJobs(page) {
  const tbody = $('jobs-table').tBodies[0];
  for (const tab of $('state-tabs').children) tab.classList.toggle('selected', tab.dataset.state === view.state);
  const first = page.total === 0 ? 0 : page.offset + 1;
  const last = page.offset + page.jobs.length;
  $('page-info').textContent = page.search
      ? `${page.jobs.length} match(es) for “${page.search}”`
      : `${first}–${last} of ${fmtNumber(page.total)} ${page.state}`;
  $('page-prev').disabled = page.offset === 0 || !!page.search;
  $('page-next').disabled = last >= page.total || !!page.search;
  if (page.jobs.length === 0) {
    emptyRow(tbody, 9, page.search ? 'No job matches.' : `No ${page.state} jobs.`);
    return;
  }
  if (tbody.rows[0] && tbody.rows[0].classList.contains('empty')) tbody.replaceChildren();
  syncRows(tbody, page.jobs, (j) => j.id, (j) => [
    { content: el('span', { className: 'mono' }, j.id), col: 'id' },
    { content: j.name, col: 'name' },
    { content: badge(j.state, 'state-' + j.state), col: 'state' },
    { content: fmtNumber(j.attemptsMade), className: 'num', col: 'attempts' },
    { content: fmtNumber(j.priority), className: 'num', col: 'priority' },
    { content: timeCell(j.createdAt), col: 'created' },
    { content: timeCell(j.finishedAt), col: 'finished' },
    { content: j.failure || '', className: 'wrap error-text', col: 'failure' },
    { content: jobActions(page.queue, j), col: 'actions' },
  ], showJob);
}

function jobActions(queue, job) {
  const can = (name) => view.queueActions[name] === true;
  const base = `/api/queues/${enc(queue)}/jobs/${enc(job.id)}`;
  const box = el('div', { className: 'actions' });
  if (job.state === 'failed' || job.state === 'dead') {
    box.appendChild(button('Retry', 'retry', () => act(`${base}/retry`, `Retrying ${job.id}`)));
  }
  if (job.state === 'delayed') {
    box.appendChild(button('Promote', 'promote', () => act(`${base}/promote`, `Promoted ${job.id}`),
        { disabled: !can('promote'), title: can('promote') ? 'Run it now' : 'not available in this version of errand-queue' }));
  }
  if (job.state === 'active') {
    box.appendChild(button('Cancel', 'cancel', () => {
      if (confirm(`Cancel running job ${job.id}? It fails without a retry.`)) act(`${base}/cancel`, `Cancelled ${job.id}`);
    }, { danger: true, disabled: !can('cancel'), title: can('cancel') ? '' : 'not available in this version of errand-queue' }));
  } else {
    box.appendChild(button('Remove', 'remove', () => {
      if (confirm(`Remove job ${job.id}?`)) act(`${base}/remove`, `Removed ${job.id}`);
    }, { danger: true, disabled: !can('remove'), title: can('remove') ? '' : 'not available in this version of errand-queue' }));
  }
  return box;
}

async function showJob(id) {
  view.jobId = id;
  await refreshDetail();
  $('detail-section').scrollIntoView({ behavior: 'smooth', block: 'nearest' });
}

async function refreshDetail() {
  if (!view.jobId || !view.queue) return;
  try {
    renderDetail(await getJson(`/api/queues/${enc(view.queue)}/jobs/${enc(view.jobId)}`));
  } catch (error) {
    $('detail-section').hidden = false;
    $('detail-fields').replaceChildren(el('dd', { className: 'error-text' }, error.message));
    $('detail-blocks').replaceChildren();
  }
}

function renderDetail(job) {
  $('detail-section').hidden = false;
  $('detail-id').textContent = job.id;
  const fields = [
    ['Queue', job.queue], ['Name', job.name], ['State', badge(job.state, 'state-' + job.state)],
    ['Attempts', fmtNumber(job.attemptsMade)], ['Priority', fmtNumber(job.priority)],
    ['Stalls', fmtNumber(job.stalls)], ['Created', timeCell(job.createdAt)],
    ['Started', timeCell(job.startedAt)], ['Finished', timeCell(job.finishedAt)],
    ['Progress', job.progress ?? '—'],
  ];
  $('detail-fields').replaceChildren(...fields.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  const blocks = [['Payload', pretty(job.payload)], ['Result', pretty(job.result)]];
  if (job.metadata && Object.keys(job.metadata).length) blocks.push(['Metadata', pretty(job.metadata)]);
  if (job.options) blocks.push(['Options', pretty(job.options)]);
  if (job.failure) {
    blocks.push(['Failure', `${job.failure.exceptionClass}: ${job.failure.message ?? ''}`]);
    if (job.failure.stackTrace) blocks.push(['Stack trace', job.failure.stackTrace]);
  }
  blocks.push(['Logs', job.logs && job.logs.length ? job.logs.join('\n') : '(none)']);
  $('detail-blocks').replaceChildren(...blocks.filter(([, v]) => v !== null).map(([title, text]) =>
      el('div', { className: 'block' }, el('h3', {}, title), el('pre', { data: { block: title.toLowerCase() } }, text))));
}

function pretty(jsonText) {
  if (jsonText === null || jsonText === undefined) return null;
  if (typeof jsonText !== 'string') return JSON.stringify(jsonText, null, 2);
  try {
    return JSON.stringify(JSON.parse(jsonText), null, 2);
  } catch (e) {
    return jsonText;
  }
}

// ---- cron --------------------------------------------------------------------------------------

function renderCron(data) {
  const tbody = $('cron-table').tBodies[0];
  if (!data.available) {
    $('cron-totals').textContent = data.reason;
    emptyRow(tbody, 10, data.reason);
    return;
  }
  const t = data.totals;
  $('cron-totals').textContent =
      `this process: ${fmtNumber(t.runs)} runs, ${fmtNumber(t.successes)} ok, ${fmtNumber(t.failures)} failed, ` +
      `${fmtNumber(t.skipped)} skipped, mean ${fmtNumber(t.meanDurationMs)} ms`;
  if (tbody.rows[0] && tbody.rows[0].classList.contains('empty')) tbody.replaceChildren();
  syncRows(tbody, data.jobs, (j) => j.id, (j) => [
    { content: el('div', {}, el('div', { className: 'mono' }, j.id), j.description ? el('div', { className: 'muted' }, j.description) : null), col: 'id' },
    { content: el('span', { className: 'mono' }, j.expression), col: 'expression' },
    { content: j.zone, col: 'zone' },
    { content: badge(j.enabled ? 'enabled' : 'disabled', j.enabled ? 'up' : 'paused'), col: 'enabled' },
    { content: timeCell(j.nextRun), col: 'next' },
    { content: timeCell(j.lastRun), col: 'last' },
    { content: j.lastStatus ? badge(j.lastStatus.toLowerCase(), 'run-' + j.lastStatus.toLowerCase()) : '—', col: 'status' },
    { content: fmtNumber(j.lastDurationMs), className: 'num', col: 'duration' },
    { content: j.lastError || '', className: 'wrap error-text', col: 'error' },
    { content: el('div', { className: 'actions' },
        button('Run now', 'trigger', () => act(`/api/cron/${enc(j.id)}/trigger`, `Triggered ${j.id}`)),
        j.enabled
            ? button('Disable', 'disable', () => act(`/api/cron/${enc(j.id)}/disable`, `Disabled ${j.id}`))
            : button('Enable', 'enable', () => act(`/api/cron/${enc(j.id)}/enable`, `Enabled ${j.id}`))),
      col: 'actions' },
  ], showHistory);
}

function showHistory(id) {
  view.cronId = id;
  $('history-section').hidden = false;
  $('history-id').textContent = id;
  refreshHistory();
}

async function refreshHistory() {
  if (!view.cronId) return;
  const tbody = $('history-table').tBodies[0];
  try {
    const data = await getJson(`/api/cron/${enc(view.cronId)}/history?limit=20`);
    if (data.runs.length === 0) {
      emptyRow(tbody, 7, 'No runs recorded yet.');
      return;
    }
    if (tbody.rows[0] && tbody.rows[0].classList.contains('empty')) tbody.replaceChildren();
    syncRows(tbody, data.runs, (r) => r.scheduledAt + '|' + r.startedAt, (r) => [
      { content: timeCell(r.scheduledAt), col: 'tick' },
      { content: timeCell(r.startedAt), col: 'started' },
      { content: timeCell(r.finishedAt), col: 'finished' },
      { content: badge(r.status.toLowerCase(), 'run-' + r.status.toLowerCase()), col: 'status' },
      { content: fmtNumber(r.durationMs), className: 'num', col: 'duration' },
      { content: r.error || '', className: 'wrap error-text', col: 'error' },
      { content: el('span', { className: 'mono' }, r.instance), col: 'instance' },
    ]);
  } catch (error) {
    emptyRow(tbody, 7, error.message);
  }
}

// ---- polling -----------------------------------------------------------------------------------

let refreshing = false;

async function refresh() {
  if (refreshing) return;
  refreshing = true;
  try {
    const [health, queues, cron] = await Promise.all([
      getJson('/api/health'), getJson('/api/queues'), getJson('/api/cron'),
    ]);
    renderHealth(health);
    renderQueues(queues);
    renderCron(cron);
    await Promise.all([refreshJobs(), refreshDetail(), refreshHistory()]);
    const updated = $('updated');
    updated.textContent = 'updated ' + fmtTime(new Date().toISOString()).slice(11);
    updated.classList.remove('error-text');
  } catch (error) {
    $('updated').textContent = 'refresh failed: ' + error.message;
    $('updated').classList.add('error-text');
  } finally {
    refreshing = false;
  }
}

function wire() {
  $('page-prev').addEventListener('click', () => {
    view.offset = Math.max(0, view.offset - PAGE_SIZE);
    refreshJobs();
  });
  $('page-next').addEventListener('click', () => {
    view.offset += PAGE_SIZE;
    refreshJobs();
  });
  let searchTimer;
  $('job-search').addEventListener('input', (event) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      view.search = event.target.value.trim();
      view.offset = 0;
      refreshJobs();
    }, 250);
  });
  $('detail-close').addEventListener('click', () => {
    view.jobId = null;
    $('detail-section').hidden = true;
  });
  $('history-close').addEventListener('click', () => {
    view.cronId = null;
    $('history-section').hidden = true;
  });
}

wire();
refresh();
setInterval(refresh, POLL_MS);
