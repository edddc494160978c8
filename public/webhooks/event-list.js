// The events table: one row per event, newest first; clicking a row opens its detail.
import { badge, el } from '/shared/dom.js';
import { formatBytes, formatDateTime, revealHidden } from '/shared/format.js';
import { toneOf } from './tones.js';

function signatureCell(signature) {
  return el('td', { title: signature.reason },
    badge(signature.status, toneOf(signature.status)),
    signature.scheme ? el('span', { className: 'muted scheme' }, signature.scheme) : null);
}

function row(event, selectedId, onSelect) {
  return el('tr', {
    className: event.event_id === selectedId ? 'selected' : '',
    tabIndex: 0,
    'data-event-id': event.event_id,
    on: {
      click: () => onSelect(event.event_id),
      keydown: (keyEvent) => { if (keyEvent.key === 'Enter') onSelect(event.event_id); },
    },
  },
  el('td', { className: 'nowrap' }, formatDateTime(event.timestamp, { milliseconds: true })),
  el('td', {}, revealHidden(event.client_id)),
  el('td', {}, revealHidden(event.event_type), event.duplicates > 0 ? el('span', { className: 'dup', title: 'retries of the same webhook-id' }, ` ×${event.duplicates + 1}`) : null),
  signatureCell(event.signature),
  el('td', {}, badge(String(event.response_status), toneOf(event.outcome))),
  el('td', { className: 'nowrap num' }, formatBytes(event.body_size)));
}

export function renderEventList({ body, empty, refused, count, loadMore }, page, { append, selectedId, onSelect }) {
  if (!append) body.replaceChildren();
  body.append(...page.events.map((event) => row(event, selectedId, onSelect)));
  const shown = body.children.length;
  count.textContent = `${shown} of ${page.total}`;
  empty.hidden = page.total > 0;
  refused.hidden = true;
  loadMore.hidden = page.next_cursor === null;
}

/**
 * The receiver refused the filters (a search past its length, a NUL character): the list says why
 * and shows no events, rather than keeping the last filters' events under the new ones.
 */
export function renderListRefused({ body, empty, refused, count, loadMore }, error) {
  body.replaceChildren();
  count.textContent = '';
  empty.hidden = true;
  loadMore.hidden = true;
  refused.textContent = `The filters were refused: ${error.message}`;
  refused.hidden = false;
}

export function markSelected(body, eventId) {
  for (const tr of body.children) tr.classList.toggle('selected', tr.dataset.eventId === eventId);
}
