/**
 * The selected object: its metadata, checksums, encryption, lock, tags and versions, a preview
 * (images, text and JSON, size-capped), and what can be done with it: download, copy a presigned
 * URL, delete it or one of its versions. Everything the server sent is set as text.
 */
import { badge, el } from '/_console/shared/dom.js';
import { formatBytes, formatDateTime, revealHidden } from '/_console/shared/format.js';
import { contentUrl, deleteObject, objectDetails, presignedUrl, previewText } from './api.js';
import { confirmingButton } from './confirming-button.js';
import { removesKey } from './live-changes.js';

const IMAGE_PREVIEW_MAX_BYTES = 10 * 1024 * 1024;
const TEXT_PREVIEW_MAX_BYTES = 64 * 1024;
const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-yaml|yaml|x-ndjson|[\w.+-]+\+(json|xml)))/;

const isJson = (object) => /json/.test(object.content_type ?? '') || object.key.endsWith('.json');
const isText = (object) => TEXT_TYPES.test(object.content_type ?? '') || /\.(txt|md|csv|log|ya?ml|xml|json|ndjson)$/i.test(object.key);
const isImage = (object) => /^image\//.test(object.content_type ?? '');

function fact(term, ...value) {
  return el('div', {}, el('dt', {}, term), el('dd', {}, ...value));
}

function objectFacts(object) {
  const facts = [
    fact('Size', `${formatBytes(object.size)} (${object.size.toLocaleString()} bytes)`),
    fact('Content-Type', el('code', {}, revealHidden(object.content_type) ?? '—')),
    fact('ETag', el('code', {}, object.etag)),
    fact('Last modified', formatDateTime(object.last_modified)),
    fact('Storage class', object.storage_class),
  ];
  if (object.version_id) facts.push(fact('Version', el('code', {}, object.version_id)));
  for (const [name, value] of [['Content-Encoding', object.content_encoding], ['Content-Disposition', object.content_disposition], ['Cache-Control', object.cache_control]]) {
    if (value) facts.push(fact(name, el('code', {}, revealHidden(value))));
  }
  const sse = object.sse_customer_algorithm ? `SSE-C (${object.sse_customer_algorithm})` : object.server_side_encryption;
  facts.push(fact('Encryption', sse ? badge(sse, 'info') : 'none', object.kms_key_id ? el('code', {}, ` ${revealHidden(object.kms_key_id)}`) : null));
  const checksums = Object.entries(object.checksums ?? {});
  facts.push(fact('Checksums', checksums.length === 0 ? 'none' : checksums.map(([name, value]) => el('div', {}, `${name.toUpperCase()} `, el('code', {}, value))),
    object.checksum_type ? el('div', { className: 'muted' }, object.checksum_type) : null));
  if (object.object_lock_mode || object.legal_hold) {
    facts.push(fact('Object Lock', object.object_lock_mode ? `${object.object_lock_mode} until ${formatDateTime(object.object_lock_retain_until)}` : 'no retention',
      object.legal_hold === 'ON' ? badge('legal hold', 'warn') : null));
  }
  return el('dl', { className: 'facts' }, facts);
}

function keyValueTable(pairs, empty) {
  if (pairs.length === 0) return el('p', { className: 'muted' }, empty);
  return el('table', { className: 'grid' }, el('tbody', {}, pairs.map(([name, value]) => el('tr', {}, el('td', {}, el('code', {}, revealHidden(name))), el('td', {}, revealHidden(value))))));
}

export function createObjectDetails(container, { onDeleted, onError }) {
  let shown = null;

  function versionsTable(details) {
    const rows = details.versions.map((version) => el('tr', { 'data-version': version.version_id },
      el('td', {}, el('code', { title: version.version_id }, version.version_id.slice(0, 12)), version.is_latest ? ' ' : null, version.is_latest ? badge('latest', 'ok') : null),
      el('td', {}, version.delete_marker ? badge('delete marker', 'warn') : formatBytes(version.size)),
      el('td', { className: 'muted' }, formatDateTime(version.last_modified)),
      el('td', {},
        version.delete_marker ? null : el('a', { href: contentUrl(details.bucket, details.object.key, { versionId: version.version_id }), download: '', className: 'button secondary small' }, 'Download'), ' ',
        confirmingButton('Delete', () => remove(details.bucket, details.object.key, version.version_id)))));
    return el('table', { className: 'grid versions' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Version'), el('th', {}, 'Size'), el('th', {}, 'Modified'), el('th', {}))),
      el('tbody', {}, rows));
  }

  async function preview(bucket, object) {
    const box = el('div', { className: 'preview', id: 'preview' });
    if (object.sse_customer_algorithm) {
      box.append(el('p', { className: 'muted' }, 'Encrypted with a customer key (SSE-C): read it through S3 with that key.'));
      return box;
    }
    if (isImage(object) && object.size <= IMAGE_PREVIEW_MAX_BYTES) {
      box.append(el('img', { src: contentUrl(bucket, object.key, { versionId: object.version_id, inline: true }), alt: `Preview of ${revealHidden(object.key)}` }));
      return box;
    }
    if (!isText(object) && !isJson(object)) {
      box.append(el('p', { className: 'muted' }, isImage(object) ? 'Too large to preview.' : 'No preview for this type.'));
      return box;
    }
    try {
      const { text, truncated } = await previewText(bucket, object.key, object.version_id, TEXT_PREVIEW_MAX_BYTES);
      box.append(el('pre', { className: isJson(object) ? 'json' : 'text' }, isJson(object) && !truncated ? prettyJson(text) : text));
      if (truncated) box.append(el('p', { className: 'muted small-text' }, `The first ${formatBytes(TEXT_PREVIEW_MAX_BYTES)} of ${formatBytes(object.size)}.`));
    } catch (error) {
      box.append(el('p', { className: 'message', 'data-tone': 'error' }, error.message));
    }
    return box;
  }

  async function copyPresignedUrl(bucket, object, output, message) {
    try {
      const { url } = await presignedUrl(bucket, object.key);
      output.value = url;
      output.hidden = false;
      await navigator.clipboard.writeText(url);
      message.textContent = 'Presigned GET URL (1 hour) copied to the clipboard.';
    } catch (error) {
      message.textContent = output.value ? 'Copy the URL below (the clipboard was refused).' : error.message;
    }
  }

  async function remove(bucket, key, versionId) {
    let outcome;
    try {
      outcome = await deleteObject(bucket, key, versionId);
    } catch (error) {
      onError(error);
      return;
    }
    onDeleted(key, outcome);
    // Another version may now be the latest; a deleted object is simply gone.
    if (versionId) await show(bucket, key);
    else showDeleted(key, outcome);
  }

  function showDeleted(key, outcome) {
    shown = null;
    const note = outcome.delete_marker ? 'A delete marker now hides it; its earlier versions are kept.' : 'It is gone.';
    container.replaceChildren(el('p', { className: 'empty', id: 'details-message' }, `Deleted ${revealHidden(key)}. ${note}`));
  }

  async function show(bucket, key, versionId) {
    shown = { bucket, key };
    let details;
    try {
      details = await objectDetails(bucket, key, versionId);
    } catch (error) {
      if (shown?.key !== key) return;
      container.replaceChildren(el('p', { className: 'empty' }, error.status === 404 ? `${revealHidden(key)} is gone (deleted, or hidden by a delete marker).` : error.message));
      return;
    }
    if (shown?.bucket !== bucket || shown.key !== key) return;
    const { object } = details;
    const message = el('p', { className: 'message', role: 'status', id: 'details-message' });
    const urlOutput = el('input', { className: 'presigned', id: 'presigned-url', readOnly: true, hidden: true, 'aria-label': 'Presigned URL' });
    const actions = el('div', { className: 'actions' },
      // The admin API does not serve SSE-C objects (it has no key the customer kept).
      object.sse_customer_algorithm ? null : el('a', { className: 'button', id: 'download', href: contentUrl(bucket, key, { versionId: object.version_id }), download: '' }, 'Download'),
      el('button', { type: 'button', className: 'secondary', id: 'copy-url', on: { click: () => copyPresignedUrl(bucket, object, urlOutput, message) } }, 'Copy presigned URL'),
      confirmingButton('Delete', () => remove(bucket, key, versionId), { id: 'delete-object' }));
    container.replaceChildren(
      el('h2', { id: 'details-key', 'data-key': key }, revealHidden(key)),
      actions, urlOutput, message,
      objectFacts(object),
      el('h3', {}, 'Preview'), await preview(bucket, object),
      el('h3', {}, 'User metadata'), keyValueTable(Object.entries(object.metadata), 'None.'),
      el('h3', {}, 'Tags'), keyValueTable(details.tags.map((tag) => [tag.key, tag.value]), 'None.'),
      el('h3', {}, details.versions_truncated ? `Versions (newest ${details.versions.length})` : 'Versions'), versionsTable(details),
    );
  }

  return {
    show,
    clear() {
      shown = null;
      container.replaceChildren(el('p', { className: 'empty' }, 'Select an object to see its metadata, versions and a preview.'));
    },
    /** Follows a change (AdminChange) of the object shown: shown again, or said to be gone. */
    changed(change) {
      if (shown?.bucket !== change.bucket || shown.key !== change.key) return;
      if (removesKey(change)) showDeleted(change.key, { delete_marker: change.event_name === 'ObjectRemoved:DeleteMarkerCreated' });
      else void show(change.bucket, change.key);
    },
  };
}

function prettyJson(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
