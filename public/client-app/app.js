/**
 * The client app's page: plain ES modules, no build step, nothing from another origin.
 * Each panel owns its part of index.html; the live log feeds the panels that react to it.
 */
import { byId } from '/shared/dom.js';
import { api } from './modules/api.js';
import { createHistoryPanel } from './modules/history-panel.js';
import { createJobPanel } from './modules/job-panel.js';
import { createLogConsole } from './modules/log-console.js';
import { createSignInPanel } from './modules/sign-in-panel.js';
import { createStressPanel } from './modules/stress-panel.js';
import { createTokenPanel } from './modules/token-panel.js';
import { createUploadPanel } from './modules/upload-panel.js';

const HISTORY_CHANGES = new Set(['upload.accepted', 'upload.rejected', 'upload.rate_limited', 'status.checked', 'stress.finished']);
const HEALTH_EVERY_MS = 15_000;

async function showImageApiHealth() {
  const badge = byId('image-api-health');
  try {
    const dependency = (await api.health()).dependencies?.image_api;
    badge.dataset.state = dependency?.status ?? 'unknown';
    badge.title = dependency ? `image API ${dependency.status} at ${dependency.url}${dependency.detail ? `: ${dependency.detail}` : ''}` : 'image API: unknown';
  } catch {
    badge.dataset.state = 'down';
    badge.title = 'the client app did not answer';
  }
}

const logConsole = createLogConsole();
const tokens = createTokenPanel({ log: logConsole.note });
createSignInPanel({ actAs: tokens.actAs, log: logConsole.note });
const jobs = createJobPanel();
const history = createHistoryPanel({ onOpenJob: jobs.track });
createUploadPanel({ userId: tokens.userId, onAccepted: (upload) => jobs.track(upload.job_id, upload.image_id) });
createStressPanel({ onEntry: logConsole.onEntry });
logConsole.onEntry((entry) => {
  if (HISTORY_CHANGES.has(entry.kind)) history.refreshSoon();
});
showImageApiHealth();
setInterval(showImageApiHealth, HEALTH_EVERY_MS);
