import { byId, el } from '/shared/dom.js';
import { formatBytes, formatDateTime, revealHidden } from '/shared/format.js';
import { api } from './api.js';

const PAGE_SIZE = 15;

function httpClass(status) {
  return `http-${String(status).charAt(0)}xx`;
}

/** The history table: newest first, paged, refreshed when the log says something changed. */
export function createHistoryPanel({ onOpenJob }) {
  const rows = byId('history-rows');
  const prev = byId('history-prev');
  const next = byId('history-next');
  let offset = 0;
  let pending = 0;

  function row(entry) {
    const job = entry.job_id
      ? el('button', { type: 'button', className: 'secondary', title: entry.job_id, on: { click: () => onOpenJob(entry.job_id, entry.image_id) } }, `${entry.job_id.slice(0, 8)}…`)
      : '—';
    // Whoever uploads names the file: characters that hide or reorder text are shown, as <U+202E>.
    const fileName = revealHidden(entry.filename);
    return el('tr', { 'data-job': entry.job_id ?? '' },
      el('td', { title: entry.created_at }, formatDateTime(entry.created_at)),
      el('td', {}, entry.user_id),
      el('td', { title: fileName ?? '' }, fileName ?? '—'),
      el('td', { className: 'num' }, formatBytes(entry.bytes)),
      el('td', {}, entry.source),
      el('td', { className: `num ${httpClass(entry.http_status)}` }, String(entry.http_status)),
      el('td', { title: entry.error ?? '' }, entry.status),
      el('td', {}, job));
  }

  async function refresh() {
    try {
      const page = await api.history({ limit: PAGE_SIZE, offset });
      rows.replaceChildren(...(page.items.length ? page.items.map(row) : [el('tr', {}, el('td', { className: 'empty', colSpan: 8 }, 'No uploads yet.'))]));
      byId('history-total').textContent = page.total ? `${offset + 1}–${offset + page.items.length} of ${page.total}` : '';
      prev.disabled = offset === 0;
      next.disabled = offset + page.items.length >= page.total;
    } catch (error) {
      byId('history-total').textContent = `could not load: ${error.message}`;
    }
  }

  /** Many entries can arrive at once (a stress test): refresh once they settle. */
  function refreshSoon() {
    clearTimeout(pending);
    pending = setTimeout(refresh, 400);
  }

  prev.addEventListener('click', () => { offset = Math.max(0, offset - PAGE_SIZE); refresh(); });
  next.addEventListener('click', () => { offset += PAGE_SIZE; refresh(); });
  byId('history-refresh').addEventListener('click', refresh);
  refresh();

  return { refreshSoon };
}
