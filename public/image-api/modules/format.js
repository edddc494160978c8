/** How sizes and times read on the page. */

export function formatBytes(bytes) {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes)) return '–';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** "10:31:04", in the viewer's time zone. */
export function formatClock(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour12: false });
}

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
