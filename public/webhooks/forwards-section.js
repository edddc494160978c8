// Where the event was forwarded (the app under development) and what the app answered.
import { badge, el } from '/shared/dom.js';
import { formatDateTime } from '/shared/format.js';
import { httpTone } from './tones.js';

const STATE_TONES = { delivered: 'ok', pending: 'warn', failed: 'error' };

function answerDetails(response) {
  if (response === null) return null;
  return el('details', {},
    el('summary', {}, 'answer headers and body'),
    el('table', { className: 'headers' }, el('tbody', {}, response.headers.map(([name, value]) => el('tr', {}, el('th', {}, name), el('td', {}, value))))),
    el('pre', { className: 'body' }, response.body_encoding === 'base64' ? `(binary, shown as base64)\n${response.body}` : response.body));
}

export function forwardRow(forward) {
  const { response } = forward;
  return el('tr', {},
    el('td', { className: 'wrap' }, forward.target_url),
    el('td', {}, badge(forward.state, STATE_TONES[forward.state])),
    el('td', { className: 'num' }, String(forward.attempts)),
    el('td', {}, response === null ? '—' : badge(String(response.status), httpTone(response.status))),
    el('td', { className: 'num' }, response === null ? '—' : `${response.latency_ms} ms`),
    el('td', { className: 'wrap' },
      forward.error ?? '',
      forward.next_attempt_at ? el('div', { className: 'muted small-text' }, `next attempt ${formatDateTime(forward.next_attempt_at, { milliseconds: true })}`) : null,
      answerDetails(response)));
}

export function forwardsTable(forwards) {
  return el('table', { className: 'grid forwards' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Target'), el('th', {}, 'State'), el('th', {}, 'Attempts'), el('th', {}, 'Answer'), el('th', {}, 'Time'), el('th', {}, 'Details'))),
    el('tbody', {}, forwards.map(forwardRow)));
}

export function forwardsSection(event) {
  if (event.forwards.length === 0) return null;
  return el('section', { className: 'forwards' }, el('h3', {}, 'Forwarded to the app'), forwardsTable(event.forwards));
}
