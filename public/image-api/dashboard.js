/**
 * The image API's operator dashboard: plain ES modules, nothing from another origin. It polls
 * GET /api/v1/dashboard every 2 s (the next poll is scheduled once the last one answered, so a
 * slow server is never flooded) and redraws every panel from the answer.
 */
import { fetchDashboard } from './modules/api.js';
import { byId } from '/shared/dom.js';
import { formatClock } from '/shared/format.js';
import { createJobsTable } from './modules/jobs-table.js';
import { renderRateLimits } from './modules/rate-limit-table.js';
import { renderJobCounts, renderOutbox, renderS3 } from './modules/summary-view.js';

const REFRESH_MS = 2000;

const jobsTable = createJobsTable();
const limitSelect = byId('jobs-limit');
const refreshState = byId('refresh-state');
let timer;
let latestRequest = 0;

function render(dashboard) {
  const nowMs = Date.parse(dashboard.generated_at) || Date.now();
  renderJobCounts(dashboard.job_counts);
  jobsTable.render(dashboard.recent_jobs, dashboard.job_counts.total, nowMs);
  renderRateLimits(dashboard.rate_limits, nowMs);
  renderOutbox(dashboard.webhooks);
  renderS3(dashboard.s3);
}

function showState(state, text, title = '') {
  refreshState.dataset.state = state;
  refreshState.textContent = text;
  refreshState.title = title;
}

/** One poll; an answer overtaken by a newer request (the limit changed meanwhile) is dropped. */
async function refresh() {
  const request = ++latestRequest;
  clearTimeout(timer);
  try {
    const dashboard = await fetchDashboard(limitSelect.value);
    if (request !== latestRequest) return;
    render(dashboard);
    showState('live', `live · ${formatClock(dashboard.generated_at)}`);
  } catch (error) {
    if (request !== latestRequest) return;
    showState('offline', 'offline · retrying', error instanceof Error ? error.message : String(error));
  } finally {
    if (request === latestRequest) timer = setTimeout(refresh, REFRESH_MS);
  }
}

limitSelect.addEventListener('change', refresh);
refresh();
