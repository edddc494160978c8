/** How sizes, times, durations and names senders chose read on every standin page (served at /shared/). */

export function formatBytes(bytes) {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes)) return '—';
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

function validDate(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "10:31:04", in the viewer's time zone. */
export function formatClock(iso) {
  return validDate(iso)?.toLocaleTimeString([], { hour12: false }) ?? '';
}

/**
 * The date and time in the viewer's locale and time zone; `milliseconds` adds ".042" where the
 * order of close events matters (webhook deliveries and their retries).
 */
export function formatDateTime(iso, { milliseconds = false } = {}) {
  const date = validDate(iso);
  if (!date) return '';
  const text = date.toLocaleString([], { hour12: false });
  return milliseconds ? `${text}.${String(date.getMilliseconds()).padStart(3, '0')}` : text;
}

/** 3598 -> "59 min 58 s", 7260 -> "2 h 1 min". */
export function formatSeconds(seconds) {
  const total = Math.max(0, Math.round(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min ${rest} s`;
  return `${rest} s`;
}

export function formatMilliseconds(ms) {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** "in 31 min 4 s" / "4 s ago", relative to `nowMs`. */
export function formatRelative(iso, nowMs) {
  const deltaS = Math.round((Date.parse(iso) - nowMs) / 1000);
  if (Number.isNaN(deltaS)) return '';
  if (deltaS === 0) return 'now';
  const span = formatSeconds(Math.abs(deltaS));
  return deltaS > 0 ? `in ${span}` : `${span} ago`;
}

/**
 * Characters that change how the text around them reads without showing themselves: the
 * bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069; Unicode UAX #9,
 * the "Trojan Source" reordering), the zero-width and invisible ones (U+00AD, U+034F,
 * U+115F, U+1160, U+180E, U+200B-U+200D, U+2060-U+2064, U+3164, U+FEFF, U+FFA0), the spaces
 * that look like U+0020 (U+00A0, U+2000-U+200A, U+202F, U+205F), and the control characters
 * (U+0000-U+001F, U+007F-U+009F), which show as a space, a box or nothing.
 */
// eslint-disable-next-line no-control-regex
const HIDDEN_CHARACTERS = /\u034F|[\u0000-\u001F\u007F-\u00A0\u00AD\u061C\u115F\u1160\u180E\u2000-\u200F\u202A-\u202F\u205F-\u2064\u2066-\u2069\u3164\uFEFF\uFFA0]/g;
/** Spaces at either end, which a page shows as nothing. */
const EDGE_SPACES = /^ +| +$/g;

const codePointOf = (character) => `<U+${character.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}>`;

/**
 * A name a sender chose (a client id, an event type, an S3 key) with those characters, and the
 * spaces at its ends, shown as "<U+202E>": "orders" and "orders" plus a zero-width space,
 * "report.pdf" and "report.pdf ", or a key with a line break and one with a space, no longer look
 * the same, and no name reads backwards. Anything but a string is returned as is.
 */
export function revealHidden(text) {
  if (typeof text !== 'string') return text;
  return text.replace(HIDDEN_CHARACTERS, codePointOf).replace(EDGE_SPACES, (spaces) => codePointOf(' ').repeat(spaces.length));
}
