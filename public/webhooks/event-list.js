// The events table: one row per event, newest first; clicking a row opens its detail.
import { badge, clear, el, formatBytes, formatTime } from './dom.js';

function signatureCell(signature) {
  return el('td', { title: signature.reason },
    badge(signature.status),
    signature.scheme ? el('span', { className: 'muted scheme' }, signature.scheme) : null);
}

function row(event, selectedId, onSelect) {
  return el('tr', {
    className: event.event_id === selectedId ? 'selected' : '',
    tabIndex: 0,
    dataset: { eventId: event.event_id },
    onclick: () => onSelect(event.event_id),
    onkeydown: (keyEvent) => { if (keyEvent.key === 'Enter') onSelect(event.event_id); },
  },
  el('td', { className: 'nowrap' }, formatTime(event.timestamp)),
  el('td', {}, event.client_id),
  el('td', {}, event.event_type, event.duplicates > 0 ? el('span', { className: 'dup', title: 'retries of the same webhook-id' }, ` ×${event.duplicates + 1}`) : null),
  signatureCell(event.signature),
  el('td', {}, badge(String(event.response_status), event.outcome)),
  el('td', { className: 'nowrap numeric' }, formatBytes(event.body_size)));
}

export function renderEventList({ body, empty, count, loadMore }, page, { append, selectedId, onSelect }) {
  if (!append) clear(body);
  body.append(...page.events.map((event) => row(event, selectedId, onSelect)));
  const shown = body.children.length;
  count.textContent = `${shown} of ${page.total}`;
  empty.hidden = page.total > 0;
  loadMore.hidden = page.next_cursor === null;
}

export function markSelected(body, eventId) {
  for (const tr of body.children) tr.classList.toggle('selected', tr.dataset.eventId === eventId);
}
