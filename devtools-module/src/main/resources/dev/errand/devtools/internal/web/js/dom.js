// Small DOM helpers. Every value from the server goes into the page as text (textContent,
// createTextNode), never as markup, so job payloads, names and errors cannot inject HTML.

export function $(id) {
  return document.getElementById(id);
}

/** An element with a class, attributes and children (strings become text nodes). */
export function el(tag, options, ...children) {
  const node = document.createElement(tag);
  const opts = options || {};
  if (opts.className) node.className = opts.className;
  if (opts.id) node.id = opts.id;
  if (opts.title) node.title = opts.title;
  if (opts.data) Object.entries(opts.data).forEach(([k, v]) => (node.dataset[k] = v));
  if (opts.attrs) Object.entries(opts.attrs).forEach(([k, v]) => node.setAttribute(k, v));
  if (opts.onclick) node.addEventListener('click', opts.onclick);
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function badge(text, kind) {
  return el('span', { className: 'badge ' + kind }, text);
}

/** A link to a route of the page (#/...); a click inside a clickable row does not open the row. */
export function link(href, text, className) {
  const a = el('a', { attrs: { href }, className }, text);
  a.addEventListener('click', (event) => event.stopPropagation());
  return a;
}

export function button(label, action, onclick, options) {
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

// The browser's zone, named once: every time the page shows carries it, so a link sent to a
// colleague in another zone cannot be misread.
export const ZONE = (() => {
  const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' })
      .formatToParts(new Date()).find((p) => p.type === 'timeZoneName');
  return part ? part.value : 'local';
})();

export function fmtTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
      `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${ZONE}`;
}

/** A time in the browser's zone, with the server's UTC text as its tooltip. */
export function timeCell(iso) {
  return el('span', { title: iso || '', className: 'time' }, fmtTime(iso));
}

export function fmtNumber(n) {
  if (n === null || n === undefined) return '—';
  return Number(n).toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/** The first line of a text, cut to a length, with the whole text as a tooltip. */
export function oneLine(text, max = 160) {
  if (!text) return '';
  const first = String(text).split('\n', 1)[0];
  const cut = first.length > max ? first.slice(0, max - 1) + '…' : first;
  return el('span', { className: 'one-line', title: String(text) }, cut);
}

/**
 * Updates a table body in place: rows are matched by key, a cell is replaced only when what it
 * shows changed, rows that disappeared are removed. Scroll position, focus and ticked boxes survive
 * a refresh. cells(item) returns [{content, className, col}] where content is a string or a node.
 */
export function syncRows(tbody, items, keyOf, cells, onRowClick) {
  if (tbody.rows[0] && tbody.rows[0].classList.contains('empty')) tbody.replaceChildren();
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
      const signature = spec.keep ? 'keep'
          : (spec.className || '') + '|' + (content.outerHTML ?? content.textContent);
      let td = row.cells[i];
      if (!td) td = row.appendChild(el('td'));
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

export function emptyRow(tbody, columns, text) {
  tbody.replaceChildren(el('tr', { className: 'empty' }, el('td', { attrs: { colspan: columns } }, text)));
}

/** A card with a heading, optional header parts, and a body. */
export function card(id, title, headParts, ...body) {
  return el('section', { id, className: 'card' },
      el('div', { className: 'card-head' }, el('h2', {}, title), headParts || []), body);
}

/** A table with a header row; a column title starting with '#' is right-aligned. */
export function table(id, headers) {
  const ths = headers.map((h) => typeof h === 'object' ? h
      : el('th', { className: h.startsWith('#') ? 'num' : '' }, h.replace(/^#/, '')));
  return el('table', { id }, el('thead', {}, el('tr', {}, ths)), el('tbody'));
}

/** Labelled fields as a definition list. */
export function fields(id, pairs) {
  return el('dl', { id, className: 'fields' },
      pairs.flatMap(([k, v]) => [el('dt', {}, k), el('dd', { data: { field: k.toLowerCase() } }, v ?? '—')]));
}

/** A titled pre block that scrolls sideways instead of breaking long identifiers. */
export function block(title, text, className) {
  return el('div', { className: 'block' }, el('h3', {}, title),
      el('pre', { data: { block: title.toLowerCase() }, className }, text));
}

export function pretty(jsonText) {
  if (jsonText === null || jsonText === undefined) return null;
  if (typeof jsonText !== 'string') return JSON.stringify(jsonText, null, 2);
  try {
    return JSON.stringify(JSON.parse(jsonText), null, 2);
  } catch (e) {
    return jsonText;
  }
}
