// The history chart: processed and failed jobs per minute and processing-time percentiles, for all
// processes together, drawn by uPlot (served with the page). Filled in once the history API exists.
import { el } from '../dom.js';

export function mount() {
  const node = el('section', { id: 'history-chart', className: 'card', attrs: { hidden: '' } });
  return { node, refresh: async () => {} };
}
