/**
 * The S3 console: buckets, a folder's listing, the selected object. Plain ES modules, nothing
 * from another origin; it talks to the mock only through its admin JSON API.
 */
import { byId, el } from '/_console/shared/dom.js';
import { revealHidden } from '/_console/shared/format.js';
import { createBucket, deleteBucket, listBuckets, objectDetails } from './modules/api.js';
import { renderBuckets } from './modules/bucket-list.js';
import { confirmingButton } from './modules/confirming-button.js';
import { createObjectDetails } from './modules/object-details.js';
import { createObjectList } from './modules/object-list.js';
import { connectLiveChanges, removesKey } from './modules/live-changes.js';
import { createUploader } from './modules/uploader.js';

const FILTER_DELAY_MS = 250;
/** Bucket counts follow changes at most this often. */
const COUNTS_REFRESH_MS = 1000;

const state = { bucket: null, prefix: '', filter: '', buckets: [] };
const banner = byId('banner');
const bucketMessage = byId('bucket-message');

/** A refusal the whole page cannot get past (strict mode, a server gone) is said once, on top. */
function showError(error) {
  if (error.status === 401 || error.status === 403) {
    banner.textContent = `${error.message}. This S3 mock runs with S3_AUTH=strict, where its admin API takes only signed requests, which this page cannot make: start it with S3_AUTH=open (the default) to use the console.`;
  } else {
    banner.textContent = error.message;
  }
  banner.hidden = false;
}

const list = createObjectList({
  scroller: byId('object-scroller'),
  spacer: byId('object-spacer'),
  rows: byId('object-rows'),
  empty: byId('list-empty'),
  status: byId('list-status'),
  onOpenFolder: (prefix) => openFolder(prefix),
  onSelect: (key) => {
    list.select(key);
    void details.show(state.bucket, key);
  },
  onError: showError,
});

const details = createObjectDetails(byId('details'), {
  onDeleted: (key, outcome) => {
    if (!outcome.version_id || outcome.delete_marker) list.remove(key);
    void refreshBuckets();
  },
  onError: showError,
});

/**
 * The bucket, then each folder of the prefix: `a//b/` is `a`, a folder with an empty name and `b`
 * (S3 keys may hold `//` or begin with `/`), so the crumbs read as the prefix and each opens its own.
 */
function renderBreadcrumb() {
  const crumbs = [el('button', { type: 'button', 'data-prefix': '', on: { click: () => openFolder('') } }, state.bucket ?? '—')];
  const parts = state.prefix === '' ? [] : state.prefix.replace(/\/$/, '').split('/');
  parts.forEach((part, index) => {
    const prefix = `${parts.slice(0, index + 1).join('/')}/`;
    const current = index === parts.length - 1;
    const label = part === '' ? null : revealHidden(part);
    const unnamed = part === '' ? 'folder with an empty name' : undefined;
    crumbs.push(el('span', { className: 'sep' }, '/'));
    crumbs.push(current
      ? el('span', { 'aria-current': 'page', 'data-prefix': prefix, 'aria-label': unnamed }, label)
      : el('button', { type: 'button', 'data-prefix': prefix, 'aria-label': unnamed, on: { click: () => openFolder(prefix) } }, label));
  });
  byId('breadcrumb').replaceChildren(...crumbs);
}

function openFolder(prefix) {
  state.prefix = prefix;
  state.filter = '';
  byId('filter').value = '';
  renderBreadcrumb();
  list.open(state.bucket, prefix);
}

function openBucket(name) {
  state.bucket = name;
  renderBuckets(byId('bucket-list'), state.buckets, state.bucket, openBucket);
  byId('delete-bucket').hidden = name === null;
  details.clear();
  openFolder('');
}

async function refreshBuckets() {
  try {
    state.buckets = (await listBuckets()).buckets;
    renderBuckets(byId('bucket-list'), state.buckets, state.bucket, openBucket);
    return state.buckets;
  } catch (error) {
    showError(error);
    return [];
  }
}

byId('create-bucket').addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = event.target.elements.name.value.trim();
  try {
    await createBucket(name);
    event.target.reset();
    bucketMessage.textContent = `Created ${name}.`;
    delete bucketMessage.dataset.tone;
    await refreshBuckets();
    openBucket(name);
  } catch (error) {
    bucketMessage.textContent = error.detail ?? error.message;
    bucketMessage.dataset.tone = 'error';
  }
});

byId('delete-bucket').replaceWith(confirmingButton('Delete bucket', async () => {
  const name = state.bucket;
  try {
    await deleteBucket(name);
    bucketMessage.textContent = `Deleted ${name}.`;
    delete bucketMessage.dataset.tone;
    const buckets = await refreshBuckets();
    openBucket(buckets[0]?.name ?? null);
  } catch (error) {
    bucketMessage.textContent = error.detail ?? error.message;
    bucketMessage.dataset.tone = 'error';
  }
}, { id: 'delete-bucket', hidden: true }));

let filterTimer;
byId('filter').addEventListener('input', (event) => {
  clearTimeout(filterTimer);
  filterTimer = setTimeout(() => {
    state.filter = event.target.value;
    list.open(state.bucket, state.prefix, state.filter);
  }, FILTER_DELAY_MS);
});

createUploader({
  dropZone: byId('drop-zone'),
  fileInput: byId('file-input'),
  list: byId('upload-list'),
  target: () => ({ bucket: state.bucket, prefix: state.prefix }),
  onStored: (bucket, object) => {
    if (bucket === state.bucket) list.upsert(object);
    void refreshBuckets();
  },
});

let countsTimer;
function refreshCountsSoon() {
  countsTimer ??= setTimeout(() => {
    countsTimer = undefined;
    void refreshBuckets();
  }, COUNTS_REFRESH_MS);
}

/** The latest version of a key after one of its versions was removed: still listed, or gone. */
async function relist(bucket, key) {
  try {
    const { object } = await objectDetails(bucket, key);
    if (bucket === state.bucket) list.upsert(object);
  } catch {
    if (bucket === state.bucket) list.remove(key);
  }
}

/** One committed change (openapi/s3-mock.yaml, AdminChange) shown where it belongs. */
function applyChange(change) {
  refreshCountsSoon();
  if (change.bucket !== state.bucket) return;
  if (change.event_name.startsWith('ObjectCreated:')) {
    list.upsert({ key: change.key, size: change.size, last_modified: change.time });
  } else if (removesKey(change)) {
    list.remove(change.key);
  } else if (change.event_name === 'ObjectRemoved:Delete') {
    void relist(change.bucket, change.key);
  }
  details.changed(change);
}

const buckets = await refreshBuckets();
openBucket(buckets[0]?.name ?? null);
// Only a server that answered the page's requests gets a stream (under S3_AUTH=strict it would not).
if (banner.hidden) connectLiveChanges(byId('live-status'), applyChange);
else Object.assign(byId('live-status'), { textContent: 'offline' }).dataset.state = 'offline';
