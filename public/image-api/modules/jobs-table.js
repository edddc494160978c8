/**
 * The most recent jobs of every user; a job that appears after the first refresh is highlighted.
 * A completed job shows its variants, loaded from their presigned S3 URLs.
 */
import { badge, byId, el } from '/shared/dom.js';
import { formatBytes, formatClock, formatRelative } from '/shared/format.js';
import { jobStatusTone } from '/shared/job-status.js';

/** The first block of a UUID: enough to tell jobs apart at a glance; the title keeps the rest. */
function shortId(id) {
  return String(id).split('-')[0];
}

/**
 * The variants of a completed job, each a small image linking to the full one. Made once per job
 * and kept: each refresh presigns new URLs, and the images already shown need no second load.
 */
function variantsCell(job, shownVariants) {
  if (!job.variants) return el('td', { className: 'variants' });
  let cell = shownVariants.get(job.job_id);
  if (!cell) {
    cell = el('td', { className: 'variants' }, el('span', { className: 'strip' }, job.variants.map((variant) => el('a', { href: variant.url, target: '_blank', rel: 'noopener', title: `${variant.name} ${variant.width}×${variant.height}` },
      el('img', { src: variant.url, alt: `${variant.name} of job ${shortId(job.job_id)}`, 'data-variant': variant.name })))));
    shownVariants.set(job.job_id, cell);
  }
  return cell;
}

function jobRow(job, nowMs, fresh, shownVariants) {
  return el('tr', { 'data-job': job.job_id, 'data-status': job.status, className: fresh ? 'fresh' : '' },
    el('td', { title: job.created_at }, formatClock(job.created_at)),
    el('td', {}, el('code', { title: job.job_id }, shortId(job.job_id))),
    el('td', { className: 'user', title: job.owner }, job.owner),
    el('td', {}, badge(job.status, jobStatusTone(job.status))),
    el('td', { className: 'num' }, String(job.attempts)),
    el('td', {}, el('span', { className: 'format' }, job.format), ' ', el('span', { className: 'muted' }, formatBytes(job.size_bytes))),
    variantsCell(job, shownVariants),
    el('td', { title: job.updated_at, className: 'muted' }, formatRelative(job.updated_at, nowMs)),
    el('td', { className: 'error', title: job.error ?? '' }, job.error ?? ''),
  );
}

export function createJobsTable() {
  const body = byId('job-rows');
  const shown = byId('jobs-shown');
  let seen = null;
  const shownVariants = new Map();

  return {
    render(jobs, total, nowMs) {
      const fresh = (job) => seen !== null && !seen.has(job.job_id);
      const rows = jobs.map((job) => jobRow(job, nowMs, fresh(job), shownVariants));
      for (const jobId of shownVariants.keys()) if (!jobs.some((job) => job.job_id === jobId)) shownVariants.delete(jobId);
      if (rows.length === 0) {
        rows.push(el('tr', {}, el('td', { className: 'empty', colSpan: 9 },
          'No jobs yet. Upload an image through the client app, or POST /api/v1/images/upload.')));
      }
      body.replaceChildren(...rows);
      shown.textContent = jobs.length < total ? `newest ${jobs.length} of ${total}` : `${total} in all`;
      seen = new Set([...(seen ?? []), ...jobs.map((job) => job.job_id)]);
    },
  };
}
