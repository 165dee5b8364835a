// Errand DevTools page: the shell that picks the page for the address and polls it.
import { $, fmtTime } from './dom.js';
import { getJson, onAction } from './api.js';
import * as router from './router.js';
import * as overview from './pages/overview.js';
import * as jobs from './pages/jobs.js';
import * as job from './pages/job.js';
import * as cron from './pages/cron.js';
import * as schedules from './pages/schedules.js';
import * as workflows from './pages/workflows.js';
import * as workers from './pages/workers.js';

const POLL_MS = 3000;

/**
 * Each page module exports mount(root, route) and returns its refresh function, which the shell
 * calls every few seconds and after every action.
 */
function pageFor(route) {
  switch (route.page) {
    case 'queues':
      if (route.parts.length >= 3) return job;
      return route.parts.length >= 1 ? jobs : overview;
    case 'cron': return cron;
    case 'schedules': return schedules;
    case 'workflows': return workflows;
    case 'workers': return workers;
    default: return overview;
  }
}

let refreshPage = async () => {};
let refreshing = false;

function mount() {
  const route = router.current();
  const root = $('view');
  root.replaceChildren();
  for (const a of $('nav').children) {
    const active = a.dataset.page === route.page || (a.dataset.page === 'overview' && route.page === 'queues');
    a.classList.toggle('active', active);
  }
  refreshPage = pageFor(route).mount(root, route) || (async () => {});
  window.scrollTo(0, 0);
  refresh();
}

async function refresh() {
  if (refreshing) return;
  refreshing = true;
  const updated = $('updated');
  try {
    const [health] = await Promise.all([getJson('/api/health'), refreshPage()]);
    const overall = $('app-health');
    overall.textContent = health.up ? 'all up' : 'something is down';
    overall.className = 'badge ' + (health.up ? 'up' : 'down');
    updated.textContent = 'updated ' + fmtTime(new Date().toISOString()).slice(11);
    updated.classList.remove('error-text');
  } catch (error) {
    updated.textContent = 'refresh failed: ' + error.message;
    updated.classList.add('error-text');
  } finally {
    refreshing = false;
  }
}

router.onChange(mount);
onAction(refresh);
mount();
setInterval(refresh, POLL_MS);
