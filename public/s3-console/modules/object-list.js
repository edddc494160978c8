/**
 * One folder of a bucket as a windowed list: pages of 1000 entries come from the server by
 * continuation token as the list is scrolled near its end, and only the rows in view (plus a few
 * above and below) exist in the DOM, so a folder of 100k keys scrolls like one of ten.
 */
import { el } from '/_console/shared/dom.js';
import { formatBytes, formatDateTime, revealHidden } from '/_console/shared/format.js';
import { listPage } from './api.js';

const ROW_HEIGHT = 32; // .row in console.css
const OVERSCAN_ROWS = 8;
/** Ask for the next page while this many loaded rows are still below the view. */
const PREFETCH_ROWS = 300;

/** S3's order of keys: UTF-8 byte order, which is code point order (not JS's UTF-16 order). */
export function compareKeys(a, b) {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done || y.done) return (x.done ? 0 : 1) - (y.done ? 0 : 1);
    const difference = x.value.codePointAt(0) - y.value.codePointAt(0);
    if (difference !== 0) return difference;
  }
}

const folderEntry = (key) => ({ kind: 'folder', key });
const objectEntry = (object) => ({ kind: 'object', key: object.key, size: object.size, lastModified: object.last_modified });

/** The index of the first entry not before `key`. */
function insertionIndex(entries, key) {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (compareKeys(entries[middle].key, key) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function createObjectList({ scroller, spacer, rows, empty, status, onOpenFolder, onSelect, onError }) {
  let entries = [];
  let bucket = null;
  let folder = '';
  let listPrefix = '';
  let nextStartAfter;
  let complete = true;
  let loading = false;
  let generation = 0;
  let selectedKey = null;
  let renderQueued = false;
  const fresh = new Set();

  function rowOf(entry, index) {
    const name = revealHidden(entry.key.slice(folder.length) || entry.key);
    const title = revealHidden(entry.key);
    if (entry.kind === 'folder') {
      return el('div', { className: 'row', role: 'option', 'data-kind': 'folder', 'data-key': entry.key, 'data-index': index }, el('span', { className: 'name', title }, name), el('span'), el('span'));
    }
    return el('div', {
      className: fresh.has(entry.key) ? 'row fresh' : 'row', role: 'option', 'data-kind': 'object', 'data-key': entry.key, 'data-index': index,
      'aria-selected': String(entry.key === selectedKey),
    },
    el('span', { className: 'name', title }, name),
    el('span', { className: 'num' }, formatBytes(entry.size)),
    el('span', { className: 'when', title: entry.lastModified }, formatDateTime(entry.lastModified)));
  }

  function render() {
    renderQueued = false;
    const total = entries.length + (complete ? 0 : 1);
    spacer.style.height = `${total * ROW_HEIGHT}px`;
    const first = Math.max(0, Math.floor(scroller.scrollTop / ROW_HEIGHT) - OVERSCAN_ROWS);
    const last = Math.min(total, Math.ceil((scroller.scrollTop + scroller.clientHeight) / ROW_HEIGHT) + OVERSCAN_ROWS);
    rows.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
    const visible = [];
    for (let index = first; index < last; index += 1) {
      visible.push(index < entries.length ? rowOf(entries[index], index) : el('div', { className: 'row loading' }, 'loading…'));
    }
    rows.replaceChildren(...visible);
    empty.hidden = !(complete && entries.length === 0 && bucket !== null);
    status.textContent = complete ? `${entries.length.toLocaleString()} entries` : `${entries.length.toLocaleString()} loaded · more below`;
    if (!complete && last >= entries.length - PREFETCH_ROWS) void loadMore();
  }

  function scheduleRender() {
    if (renderQueued) return;
    renderQueued = true;
    requestAnimationFrame(render);
  }

  async function loadMore() {
    if (loading || complete) return;
    loading = true;
    const current = generation;
    try {
      const page = await listPage(bucket, listPrefix, nextStartAfter);
      if (current !== generation) return;
      const added = [...page.common_prefixes.map(folderEntry), ...page.objects.map(objectEntry)].sort((a, b) => compareKeys(a.key, b.key));
      entries.push(...added);
      nextStartAfter = page.next_start_after;
      complete = !page.is_truncated;
    } catch (error) {
      if (current !== generation) return;
      complete = true;
      onError(error);
    } finally {
      if (current === generation) {
        loading = false;
        scheduleRender();
      }
    }
  }

  /** Where a change to `key` shows in this folder: the key itself, the sub-folder holding it, or nowhere. */
  function entryKeyFor(key) {
    if (!key.startsWith(listPrefix)) return null;
    const slash = key.indexOf('/', listPrefix.length);
    return slash === -1 ? { kind: 'object', key } : { kind: 'folder', key: key.slice(0, slash + 1) };
  }

  /** Puts an entry in its place; past the last loaded page it arrives with that page instead. */
  function place(entry) {
    const index = insertionIndex(entries, entry.key);
    const existing = entries[index];
    if (existing && existing.key === entry.key) {
      if (entry.kind === 'object') entries[index] = entry;
      return;
    }
    if (index === entries.length && !complete) return;
    entries.splice(index, 0, entry);
  }

  rows.addEventListener('click', (event) => {
    const row = event.target.closest('.row[data-key]');
    if (!row) return;
    const entry = entries[Number(row.dataset.index)];
    if (!entry) return;
    if (entry.kind === 'folder') onOpenFolder(entry.key);
    else onSelect(entry.key);
  });
  scroller.addEventListener('scroll', scheduleRender, { passive: true });
  window.addEventListener('resize', scheduleRender);

  return {
    /** Lists `folderPrefix` of `bucketName`, narrowed to keys starting with `filter` after it. */
    open(bucketName, folderPrefix, filter = '') {
      generation += 1;
      bucket = bucketName;
      folder = folderPrefix;
      listPrefix = folderPrefix + filter;
      entries = [];
      nextStartAfter = undefined;
      complete = bucket === null;
      loading = false;
      fresh.clear();
      scroller.scrollTop = 0;
      render();
    },
    select(key) {
      selectedKey = key;
      scheduleRender();
    },
    /** An object stored or changed (an AdminObject, or a change event's fields). */
    upsert(object) {
      const target = entryKeyFor(object.key);
      if (!target) return;
      if (target.kind === 'folder') place(folderEntry(target.key));
      else {
        place(objectEntry(object));
        fresh.add(object.key);
      }
      scheduleRender();
    },
    /** An object gone from the listing (deleted, or hidden by a delete marker). */
    remove(key) {
      const index = insertionIndex(entries, key);
      if (entries[index]?.key !== key || entries[index].kind !== 'object') return;
      entries.splice(index, 1);
      scheduleRender();
    },
  };
}
