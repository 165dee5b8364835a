// The history charts: jobs processed and failed per minute (last hour) or per ten minutes (last
// day), and processing-time percentiles, for all processes together, drawn by uPlot, which the page
// loads from the server (no CDN: the dashboard works offline).
import { el, fmtNumber, ZONE } from '../dom.js';
import { getJson } from '../api.js';
import * as router from '../router.js';

const HEIGHT = 220;

// The charts of the last mount: uPlot listens on the window, so charts of a page left behind are
// destroyed when the next one is drawn.
let shown = [];

/** The chart card; refresh(queueNames) reloads its data and keeps the queue list current. */
export function mount() {
  const options = router.current().options;
  const view = { queue: options.get('queue') || '', range: options.get('range') === 'day' ? 'day' : 'hour' };
  const queueSelect = el('select', { id: 'history-queue', attrs: { 'aria-label': 'queue' } }, el('option', { attrs: { value: '' } }, 'All queues'));
  const rangeSelect = el('select', { id: 'history-range', attrs: { 'aria-label': 'range' } },
      el('option', { attrs: { value: 'hour' } }, 'Last hour, per minute'),
      el('option', { attrs: { value: 'day' } }, 'Last day, per 10 minutes'));
  rangeSelect.value = view.range;
  const summary = el('span', { id: 'history-summary', className: 'muted' });
  const throughputBox = el('div', { id: 'chart-throughput', className: 'chart' });
  const latencyBox = el('div', { id: 'chart-latency', className: 'chart' });
  const node = el('section', { id: 'history-chart', className: 'card' },
      el('div', { className: 'card-head' }, el('h2', {}, 'History'), summary, el('span', { className: 'spacer' }),
          queueSelect, rangeSelect),
      el('div', { className: 'chart-box' }, throughputBox, latencyBox));
  let charts = null;
  let shownKey = '';

  const changed = () => {
    view.queue = queueSelect.value;
    view.range = rangeSelect.value;
    router.replaceOptions({ queue: view.queue, range: view.range === 'hour' ? '' : view.range });
    refresh();
  };
  queueSelect.addEventListener('change', changed);
  rangeSelect.addEventListener('change', changed);

  function syncQueues(names) {
    const have = [...queueSelect.options].slice(1).map((o) => o.value);
    if (have.join('\n') !== names.join('\n')) {
      queueSelect.replaceChildren(queueSelect.options[0], ...names.map((n) => el('option', { attrs: { value: n } }, n)));
    }
    queueSelect.value = view.queue;
  }

  async function refresh(queueNames) {
    if (queueNames) syncQueues(queueNames);
    if (!window.uPlot) {
      summary.textContent = 'the chart library did not load';
      return;
    }
    const params = new URLSearchParams({ queue: view.queue, range: view.range });
    const history = await getJson('/api/metrics/history?' + params);
    const data = columns(history.points);
    const processed = data[1].reduce((a, b) => a + b, 0);
    const failed = data[2].reduce((a, b) => a + b, 0);
    summary.textContent = `${fmtNumber(processed)} processed, ${fmtNumber(failed)} failed ` +
        `(${history.queue ? 'queue ' + history.queue : 'all queues'}, all processes)`;
    node.dataset.processed = processed;
    node.dataset.points = data[0].length;
    const key = view.queue + '|' + view.range;
    // A page left behind (its node gone, or its charts replaced) draws nothing more.
    if (!node.isConnected || (charts && shown !== charts)) return;
    if (!charts || shownKey !== key) {
      shown.forEach((c) => c.destroy());
      charts = draw(throughputBox, latencyBox, data, history.bucketSeconds);
      shown = charts;
      shownKey = key;
    } else {
      charts[0].setData([data[0], data[1], data[2]]);
      charts[1].setData([data[0], data[3], data[4], data[5]]);
    }
  }
  return { node, refresh: (names) => refresh(names).catch((e) => (summary.textContent = e.message)) };
}

/** The points as uPlot's columns: times in seconds, then each series. */
function columns(points) {
  const cols = [[], [], [], [], [], []];
  for (const p of points) {
    cols[0].push(Date.parse(p.at) / 1000);
    cols[1].push(p.processed);
    cols[2].push(p.failed);
    // No jobs, no time: a gap in the line rather than a fall to zero.
    const ran = p.processed + p.failed > 0;
    cols[3].push(ran ? p.p50Ms : null);
    cols[4].push(ran ? p.p95Ms : null);
    cols[5].push(ran ? p.p99Ms : null);
  }
  return cols;
}

function draw(throughputBox, latencyBox, data, bucketSeconds) {
  const width = Math.max(320, throughputBox.clientWidth || 560);
  const per = bucketSeconds === 60 ? 'per minute' : 'per 10 minutes';
  const base = (title, yLabel) => ({
    title, width, height: HEIGHT, cursor: { drag: { x: false, y: false } },
    axes: [{ label: 'time (' + ZONE + ')' }, { label: yLabel, size: 56 }],
    legend: { live: true },
  });
  const throughput = new window.uPlot({
    ...base(`Jobs ${per}`, 'jobs'),
    series: [{}, { label: 'processed', stroke: '#1f8a4c', fill: 'rgba(31,138,76,.12)', width: 2 },
      { label: 'failed', stroke: '#c62f2f', fill: 'rgba(198,47,47,.12)', width: 2 }],
  }, [data[0], data[1], data[2]], throughputBox);
  const latency = new window.uPlot({
    ...base('Processing time', 'ms'),
    series: [{}, { label: 'p50', stroke: '#3456d1', width: 2, spanGaps: false },
      { label: 'p95', stroke: '#b7791f', width: 2 }, { label: 'p99', stroke: '#6b46c1', width: 2 }],
  }, [data[0], data[3], data[4], data[5]], latencyBox);
  return [throughput, latency];
}

