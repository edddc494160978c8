import { byId, el } from '/shared/dom.js';
import { formatMilliseconds, formatSeconds } from '/shared/format.js';
import { api } from './api.js';
import { randomUserId } from './token-panel.js';

/**
 * The stress test: many uploads as one user. The counters move with the stress.progress
 * entries of the live log while the POST is still running; its answer is the final word.
 */
export function createStressPanel({ onEntry }) {
  const userInput = byId('stress-user');
  const button = byId('stress-button');
  const summary = byId('stress-summary');
  let run = null; // { userId, runId, total, answered }

  userInput.value = randomUserId('stress');

  function show(counts) {
    byId('stress-accepted').textContent = String(counts.accepted);
    byId('stress-limited').textContent = String(counts.rate_limited);
    byId('stress-errors').textContent = String(counts.errors);
    byId('stress-done').textContent = `${counts.done} / ${counts.total}`;
    byId('stress-retry-after').textContent = counts.retry_after === null || counts.retry_after === undefined ? '—' : `${counts.retry_after} s`;
    for (const [id, value] of [['accepted', counts.accepted], ['limited', counts.rate_limited], ['errors', counts.errors]]) {
      byId(`stress-bar-${id}`).style.width = counts.total ? `${(value / counts.total) * 100}%` : '0';
    }
  }

  function describe(report) {
    const parts = [
      el('strong', {}, `${report.accepted} accepted`), ', ',
      el('strong', {}, `${report.rate_limited} rate-limited`), ', ',
      `${report.errors} errors in ${formatMilliseconds(report.duration_ms)}.`,
    ];
    if (report.retry_after !== null) parts.push(' The image API asks to wait ', el('strong', {}, formatSeconds(report.retry_after)), ' before this user uploads again.');
    summary.replaceChildren(...parts);
  }

  onEntry((entry) => {
    // The log's entries and the POST's answer come over two connections: one that comes after the answer is older than it.
    if (!run || run.answered || entry.data.user_id !== run.userId) return;
    if (entry.kind === 'stress.started' && !run.runId) run.runId = entry.data.run_id;
    if (entry.kind === 'stress.progress' && entry.data.run_id === run.runId) show(entry.data);
  });

  byId('stress-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const count = Number(byId('stress-count').value);
    run = { userId: userInput.value, runId: null, total: count, answered: false };
    show({ accepted: 0, rate_limited: 0, errors: 0, retry_after: null, done: 0, total: count });
    summary.textContent = `Uploading ${count} images as ${run.userId}…`;
    button.disabled = true;
    try {
      const report = await api.stressTest({ userId: run.userId, count, concurrency: Number(byId('stress-concurrency').value) });
      run.answered = true;
      show({ ...report, done: report.total });
      describe(report);
    } catch (error) {
      summary.textContent = `Stress test failed: ${error.message}`;
    } finally {
      button.disabled = false;
    }
  });
}
