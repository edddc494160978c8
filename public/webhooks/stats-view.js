// The figures above the filters, and the suggestions of the filter inputs.
import { clear, el } from './dom.js';

function card(label, value, kind = '') {
  return el('div', { className: `stat ${kind}` }, el('div', { className: 'stat-value' }, String(value)), el('div', { className: 'stat-label' }, label));
}

export function renderStats(container, stats) {
  clear(container).append(
    card('Events', stats.total_events),
    card('Clients', stats.unique_clients),
    card('Verified', stats.per_verification_status.valid, 'good'),
    card('Unsigned', stats.per_verification_status.missing),
    card('Rejected', stats.per_outcome.rejected, stats.per_outcome.rejected > 0 ? 'bad' : ''),
    card('Retries folded', stats.duplicates),
    card('Last minute', stats.events_last_minute),
  );
}

export function renderSuggestions(datalist, values) {
  clear(datalist).append(...values.sort().map((value) => el('option', { value })));
}
