import { byId, el } from '/shared/dom.js';
import { formatClock, revealHidden } from '/shared/format.js';

const MAX_LINES = 500;

/**
 * The live log: the client app's activity over server-sent events (GET /api/logs/stream).
 * EventSource reconnects by itself and resumes after the last id it saw. Other panels
 * subscribe to the same entries (the stress test's counters, the history's refresh).
 */
export function createLogConsole() {
  const list = byId('log');
  const state = byId('log-state');
  const listeners = new Set();

  function append(entry) {
    const stickToBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 24;
    list.append(el('li', { 'data-kind': entry.kind },
      el('span', { className: 'log-time' }, formatClock(entry.time)),
      el('span', { className: `log-level ${entry.level}` }, entry.level),
      el('span', { className: 'log-kind', title: entry.kind }, entry.kind),
      // A message names what uploaders chose (file names): their hidden characters are shown, as in the history.
      el('span', { className: 'log-message' }, revealHidden(entry.message))));
    while (list.childElementCount > MAX_LINES) list.firstElementChild?.remove();
    if (stickToBottom) list.scrollTop = list.scrollHeight;
  }

  function setState(name) {
    state.dataset.state = name;
    state.textContent = name;
  }

  const source = new EventSource('/api/logs/stream');
  source.addEventListener('open', () => setState('live'));
  source.addEventListener('error', () => setState(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'));
  source.addEventListener('activity', (event) => {
    const entry = JSON.parse(event.data);
    append(entry);
    for (const listener of listeners) listener(entry);
  });
  byId('clear-log').addEventListener('click', () => list.replaceChildren());

  return {
    /** Calls `listener(entry)` for every activity entry from now on. */
    onEntry: (listener) => listeners.add(listener),
    /** A line from the page itself (e.g. a failed request), shown like the server's. */
    note: (message) => append({ time: new Date().toISOString(), level: 'warn', kind: 'page', message }),
  };
}
