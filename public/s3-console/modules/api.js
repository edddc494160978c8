/**
 * The console's only way to the S3 mock: its admin JSON API (openapi/s3-mock.yaml, `/admin/...`)
 * and `/presigned-url`, never the S3 protocol. Refusals throw the shared ApiError.
 */
import { ApiError, requestJson } from '/_console/shared/api.js';

const PAGE_SIZE = 1000;

const bucketPath = (bucket) => encodeURIComponent(bucket);
const objectQuery = (key, versionId) => {
  const query = new URLSearchParams({ key });
  if (versionId) query.set('version_id', versionId);
  return query;
};

export const listBuckets = () => requestJson('/admin/buckets');
export const createBucket = (name) => requestJson(`/admin/buckets/${bucketPath(name)}`, { method: 'PUT' });
export const deleteBucket = (name) => requestJson(`/admin/buckets/${bucketPath(name)}`, { method: 'DELETE' });

/** One page of a folder: objects and sub-folders after `startAfter`, in key order. */
export function listPage(bucket, prefix, startAfter) {
  const query = new URLSearchParams({ delimiter: '/', limit: String(PAGE_SIZE) });
  if (prefix) query.set('prefix', prefix);
  if (startAfter) query.set('start_after', startAfter);
  return requestJson(`/admin/objects/${bucketPath(bucket)}?${query}`);
}

export const objectDetails = (bucket, key, versionId) => requestJson(`/admin/object/${bucketPath(bucket)}?${objectQuery(key, versionId)}`);
export const deleteObject = (bucket, key, versionId) => requestJson(`/admin/object/${bucketPath(bucket)}?${objectQuery(key, versionId)}`, { method: 'DELETE' });

/** The URL of an object's bytes: `inline` for previews (at most `maxBytes`), else a download. */
export function contentUrl(bucket, key, { versionId, inline = false, maxBytes } = {}) {
  const query = objectQuery(key, versionId);
  if (inline) query.set('disposition', 'inline');
  if (maxBytes) query.set('max_bytes', String(maxBytes));
  return `/admin/object/${bucketPath(bucket)}/content?${query}`;
}

/** The first `maxBytes` of an object as text, and whether there was more. */
export async function previewText(bucket, key, versionId, maxBytes) {
  const response = await fetch(contentUrl(bucket, key, { versionId, inline: true, maxBytes }), { cache: 'no-store' });
  const text = await response.text();
  if (!response.ok) throw ApiError.fromAnswer(response.status, text);
  return { text, truncated: response.headers.get('x-standin-truncated') === 'true' };
}

export function presignedUrl(bucket, key, expiresIn = 3600) {
  return requestJson(`/presigned-url?${new URLSearchParams({ bucket, key, expires_in: String(expiresIn) })}`);
}

/**
 * Uploads one file as the object `key`, streamed as the raw body; XMLHttpRequest, because fetch
 * reports no upload progress. `onProgress(loaded, total)`; resolves with the stored object.
 */
export function uploadFile(bucket, key, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `/admin/object/${bucketPath(bucket)}/content?${objectQuery(key)}`);
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.upload.addEventListener('progress', (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size));
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText));
      else reject(ApiError.fromAnswer(xhr.status, xhr.responseText));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0)));
    xhr.send(file);
  });
}
