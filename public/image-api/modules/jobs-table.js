/** The most recent jobs of every user; a job that appears after the first refresh is highlighted. */
import { badge, byId, el } from '/shared/dom.js';
import { formatBytes, formatClock, formatRelative } from '/shared/format.js';
import { jobStatusTone } from '/shared/job-status.js';

/** The first block of a UUID: enough to tell jobs apart at a glance; the title keeps the rest. */
function shortId(id) {
  return String(id).split('-')[0];
}

function jobRow(job, nowMs, fresh) {
  return el('tr', { 'data-job': job.job_id, 'data-status': job.status, className: fresh ? 'fresh' : '' },
    el('td', { title: job.created_at }, formatClock(job.created_at)),
    el('td', {}, el('code', { title: job.job_id }, shortId(job.job_id))),
    el('td', { className: 'user', title: job.owner }, job.owner),
    el('td', {}, badge(job.status, jobStatusTone(job.status))),
    el('td', { className: 'num' }, String(job.attempts)),
    el('td', {}, el('span', { className: 'format' }, job.format), ' ', el('span', { className: 'muted' }, formatBytes(job.size_bytes))),
    el('td', { title: job.updated_at, className: 'muted' }, formatRelative(job.updated_at, nowMs)),
    el('td', { className: 'error', title: job.error ?? '' }, job.error ?? ''),
  );
}

export function createJobsTable() {
  const body = byId('job-rows');
  const shown = byId('jobs-shown');
  let seen = null;

  return {
    render(jobs, total, nowMs) {
      const fresh = (job) => seen !== null && !seen.has(job.job_id);
      const rows = jobs.map((job) => jobRow(job, nowMs, fresh(job)));
      if (rows.length === 0) {
        rows.push(el('tr', {}, el('td', { className: 'empty', colSpan: 8 },
          'No jobs yet. Upload an image through the client app, or POST /api/v1/images/upload.')));
      }
      body.replaceChildren(...rows);
      shown.textContent = jobs.length < total ? `newest ${jobs.length} of ${total}` : `${total} in all`;
      seen = new Set([...(seen ?? []), ...jobs.map((job) => job.job_id)]);
    },
  };
}
