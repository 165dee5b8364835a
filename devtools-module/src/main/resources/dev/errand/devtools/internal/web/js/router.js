// Hash routes: the place in the dashboard lives in the address, so refresh, Back and a link sent to
// a colleague open the same queue, state, job, cron job, schedule or workflow.
//
//   #/                          queues and health        #/cron, #/cron/<id>
//   #/queues/<queue>/<state>    jobs of a state          #/schedules, #/schedules/<id>
//   #/queues/<queue>/<state>/<id>  one job               #/workflows, #/workflows/<id>
//   #/workers                   every process's workers
// Options of a list (offset, search) follow a '?' inside the hash.

const enc = encodeURIComponent;

/** The current route: its page, its path segments (decoded) and its options. */
export function current() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query] = hash.split('?', 2);
  const parts = path.split('/').filter((p) => p !== '').map((p) => {
    try {
      return decodeURIComponent(p);
    } catch (e) {
      return p;
    }
  });
  return { page: parts[0] || 'overview', parts: parts.slice(1), options: new URLSearchParams(query || '') };
}

/** The hash of a route built from raw segments and options. */
export function href(segments, options) {
  const path = '#/' + segments.map((s) => enc(String(s))).join('/');
  const query = options ? new URLSearchParams(
      Object.entries(options).filter(([, v]) => v !== '' && v !== null && v !== undefined && v !== 0)).toString() : '';
  return query ? path + '?' + query : path;
}

/** Opens a route, adding a history entry (Back returns here). */
export function go(segments, options) {
  location.hash = href(segments, options);
}

/** Changes the options of the current route without a history entry (typing a search). */
export function replaceOptions(options) {
  const r = current();
  const target = href([r.page, ...r.parts], options);
  if (target !== location.hash) history.replaceState(null, '', target);
}

export function onChange(fn) {
  window.addEventListener('hashchange', fn);
}
