/** The buckets, with their object counts; one is the current one. */
import { el } from '/_console/shared/dom.js';
import { formatBytes } from '/_console/shared/format.js';

export function renderBuckets(list, buckets, current, onOpen) {
  list.replaceChildren(...buckets.map((bucket) => el('li', {},
    el('button', {
      type: 'button', 'data-bucket': bucket.name, 'aria-current': String(bucket.name === current),
      title: `${bucket.region} · ${formatBytes(bucket.total_bytes)}`, on: { click: () => onOpen(bucket.name) },
    }, el('span', { className: 'name' }, bucket.name), el('span', { className: 'count' }, bucket.object_count.toLocaleString())))));
  if (buckets.length === 0) list.replaceChildren(el('li', { className: 'muted' }, 'No buckets.'));
}
