// The figures above the filters, and the suggestions of the filter inputs.
import { el } from '/shared/dom.js';

function tile(label, value, tone) {
  return el('div', { className: 'tile', 'data-tone': tone }, el('span', { className: 'tile-value' }, String(value)), el('span', { className: 'tile-label' }, label));
}

export function renderStats(container, stats) {
  container.replaceChildren(
    tile('Events', stats.total_events, 'info'),
    tile('Clients', stats.unique_clients, 'info'),
    tile('Verified', stats.per_verification_status.valid, 'ok'),
    tile('Unsigned', stats.per_verification_status.missing, 'info'),
    tile('Rejected', stats.per_outcome.rejected, stats.per_outcome.rejected > 0 ? 'error' : 'info'),
    tile('Retries folded', stats.duplicates, 'info'),
    tile('Last minute', stats.events_last_minute, 'info'),
  );
}

export function renderSuggestions(datalist, values) {
  datalist.replaceChildren(...values.sort().map((value) => el('option', { value })));
}
