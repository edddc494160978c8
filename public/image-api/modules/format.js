/** How times read on the dashboard; sizes and clock times are every page's. */
export { formatBytes, formatClock } from '/shared/format.js';

/** "in 31 min" / "4 s ago", relative to `nowMs`. */
export function formatRelative(iso, nowMs) {
  const deltaS = Math.round((Date.parse(iso) - nowMs) / 1000);
  if (Number.isNaN(deltaS)) return '';
  const span = formatSpan(Math.abs(deltaS));
  if (Math.abs(deltaS) < 1) return 'now';
  return deltaS > 0 ? `in ${span}` : `${span} ago`;
}

function formatSpan(seconds) {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/** The first block of a UUID: enough to tell jobs apart at a glance; the title keeps the rest. */
export function shortId(id) {
  return String(id).split('-')[0];
}
