import { byId } from '/shared/dom.js';
import { formatMilliseconds } from '/shared/format.js';
import { jobStatusTone } from '/shared/job-status.js';
import { api } from './api.js';
import { hideNotice, showNotice } from './notice.js';
import { clearResult, renderResult } from './result-view.js';

/** Polling backoff: quick at first, when jobs usually finish, then easing off to every 5 s. */
const FIRST_DELAY_MS = 400;
const BACKOFF = 1.6;
const MAX_DELAY_MS = 5000;
const FINISHED = new Set(['completed', 'failed']);
/** Answers to a status check that a later check would only repeat: the job is unknown, or gone. */
const FINAL_ANSWERS = new Map([[404, 'Job not found'], [410, 'Job gone']]);

function checksDone(checks) {
  return `${checks} check${checks === 1 ? '' : 's'}`;
}

/** Step 3: follows one job until it finishes, then shows what processing produced. */
export function createJobPanel() {
  const pill = byId('job-status');
  const polling = byId('job-polling');
  const notice = byId('job-notice');
  let current = null; // { jobId, timer }

  function setStatus(status) {
    pill.dataset.status = status;
    pill.dataset.tone = jobStatusTone(status);
    pill.textContent = status;
  }

  async function poll(tracked, delay, checks) {
    if (current !== tracked) return;
    let job;
    try {
      job = await api.jobStatus(tracked.jobId);
    } catch (error) {
      if (current !== tracked) return;
      if (FINAL_ANSWERS.has(error.status)) {
        polling.textContent = `stopped after ${checksDone(checks)}: HTTP ${error.status}`;
        showNotice(notice, 'error', FINAL_ANSWERS.get(error.status), `${error.message}. Checking again would get the same answer, so the page stopped.`);
        return;
      }
      polling.textContent = `check ${checks} failed (${error.message}); retrying in ${formatMilliseconds(delay)}`;
      tracked.timer = setTimeout(() => poll(tracked, Math.min(delay * BACKOFF, MAX_DELAY_MS), checks + 1), delay);
      return;
    }
    if (current !== tracked) return;
    setStatus(job.status);
    byId('job-attempts').textContent = String(job.attempts ?? '—');
    if (!FINISHED.has(job.status)) {
      polling.textContent = `checked ${checks}×, next in ${formatMilliseconds(Math.round(delay))}`;
      tracked.timer = setTimeout(() => poll(tracked, Math.min(delay * BACKOFF, MAX_DELAY_MS), checks + 1), delay);
      return;
    }
    polling.textContent = `finished after ${checksDone(checks)}`;
    if (job.status === 'failed') {
      showNotice(notice, 'error', 'Processing failed', job.error ?? 'the image API gave no reason');
      return;
    }
    try {
      renderResult(await api.jobResult(tracked.jobId));
    } catch (error) {
      showNotice(notice, 'error', 'Could not fetch the result', error.message);
    }
  }

  /** Starts following a job (from an upload, or picked in the history). */
  function track(jobId, imageId) {
    if (current) clearTimeout(current.timer);
    current = { jobId, timer: 0 };
    byId('job-id').textContent = jobId;
    byId('image-id').textContent = imageId ?? '—';
    byId('job-attempts').textContent = '—';
    byId('job-facts').hidden = false;
    hideNotice(notice);
    clearResult();
    setStatus('pending');
    polling.textContent = 'starting';
    poll(current, FIRST_DELAY_MS, 1);
  }

  return { track };
}
