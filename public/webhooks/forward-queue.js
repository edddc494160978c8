// The forwarding queue: how many forwards wait, went through or gave up, and the latest ones.
import { el } from '/shared/dom.js';
import { api } from './api.js';
import { forwardsTable } from './forwards-section.js';

export async function refreshForwardQueue({ counts, list }) {
  const queue = await api.forwards();
  counts.textContent = `${queue.counts.pending} pending · ${queue.counts.delivered} delivered · ${queue.counts.failed} failed`;
  list.replaceChildren(queue.forwards.length === 0
    ? el('p', { className: 'muted' }, 'Nothing forwarded yet: give a client a forward URL below, or run standin listen --forward-to URL.')
    : forwardsTable(queue.forwards));
}
