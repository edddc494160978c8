/** The tiles (job counts, webhook outbox) and the S3 card. */
import { byId } from '/shared/dom.js';

const JOB_COUNTS = ['total', 'pending', 'processing', 'retrying', 'completed', 'failed'];
const OUTBOX_COUNTS = ['pending', 'delivered', 'failed'];

export function renderJobCounts(counts) {
  for (const name of JOB_COUNTS) byId(`count-${name}`).textContent = String(counts[name] ?? 0);
}

export function renderOutbox(webhooks) {
  for (const name of OUTBOX_COUNTS) byId(`webhooks-${name}`).textContent = String(webhooks[name] ?? 0);
}

export function renderS3(s3) {
  const status = byId('s3-status');
  status.textContent = s3.status === 'ok' ? 'reachable' : 'down';
  status.dataset.tone = s3.status === 'ok' ? 'ok' : 'error';
  byId('s3-url').textContent = s3.url;
  byId('s3-detail').textContent = s3.detail ?? '';
  byId('s3-detail-row').hidden = !s3.detail;
}
