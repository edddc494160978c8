/** One row per user with uploads in the rolling hour: a used/limit meter and when a slot frees up. */
import { byId, el } from '/shared/dom.js';
import { formatClock, formatRelative } from '/shared/format.js';

/** Near the limit is worth a glance; at it, uploads are refused (429). */
function meterLevel(used, limit) {
  if (used >= limit) return 'full';
  return used >= limit * 0.8 ? 'high' : 'ok';
}

function meter(used, limit) {
  const fill = el('div', { className: 'meter-fill' });
  fill.style.width = `${Math.min(100, (used / limit) * 100)}%`;
  return el('div', { className: 'meter-cell' },
    el('div', { className: 'meter', 'data-level': meterLevel(used, limit), 'aria-hidden': 'true' }, fill),
    el('span', { className: 'meter-label' }, `${used} / ${limit}`));
}

export function renderRateLimits(entries, nowMs) {
  const rows = entries.map((entry) => el('tr', { 'data-user': entry.user },
    el('td', { className: 'user', title: entry.user }, entry.user),
    el('td', {}, meter(entry.used, entry.limit)),
    el('td', { title: entry.reset_at }, formatClock(entry.reset_at), ' ', el('span', { className: 'muted' }, `(${formatRelative(entry.reset_at, nowMs)})`)),
  ));
  if (rows.length === 0) rows.push(el('tr', {}, el('td', { className: 'empty', colSpan: 3 }, 'No uploads in the last hour.')));
  byId('rate-rows').replaceChildren(...rows);
}
