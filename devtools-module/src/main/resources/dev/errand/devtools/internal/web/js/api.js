// Talking to the dashboard's JSON API: reads, and actions that carry the session's CSRF token.
import { $ } from './dom.js';

const csrfToken = document.querySelector('meta[name="csrf-token"]').content;
const afterAction = [];

export const enc = encodeURIComponent;

export async function getJson(path) {
  const response = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || `${response.status} ${response.statusText}`);
  return body;
}

/** Runs fn after every action, so the page shows its effect at once. */
export function onAction(fn) {
  afterAction.push(fn);
}

/**
 * POSTs an action (with a JSON body when given), shows its outcome in the status line and
 * refreshes the page. Resolves to the answer's body, or null when the action was refused.
 */
export async function act(path, doneMessage, body) {
  let answer = null;
  try {
    const headers = { 'X-CSRF-Token': csrfToken };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const parsed = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(parsed.error || `${response.status} ${response.statusText}`);
    answer = parsed;
    showStatus(typeof doneMessage === 'function' ? doneMessage(parsed) : doneMessage, false);
  } catch (error) {
    showStatus(error.message, true);
  }
  afterAction.forEach((fn) => fn());
  return answer;
}

export function showStatus(text, isError) {
  const node = $('status');
  node.textContent = text;
  node.className = 'status ' + (isError ? 'error' : 'ok');
  clearTimeout(showStatus.timer);
  showStatus.timer = setTimeout(() => (node.textContent = ''), 6000);
}
