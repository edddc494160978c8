// One event: what was received (headers, body), how its signature was judged, and replays.
import { badge, el } from '/shared/dom.js';
import { formatBytes, formatDateTime, revealHidden } from '/shared/format.js';
import { forwardsSection } from './forwards-section.js';
import { payloadSection } from './payload-section.js';
import { resendSection } from './resend-form.js';
import { httpTone, toneOf } from './tones.js';

const preciseTime = (iso) => formatDateTime(iso, { milliseconds: true });

function facts(pairs) {
  return el('dl', { className: 'facts' }, pairs.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value ?? '—')]));
}

/** How the dashboard names each diagnosis cause (openapi: SignatureDiagnosis). */
const CAUSES = {
  timestamp_outside_tolerance: 'Timestamp outside the tolerance',
  signature_encoding: 'Right HMAC, wrong notation',
  other_scheme: 'Another scheme’s signature',
  secret_encoding: 'Secret read the wrong way',
  body_reserialised: 'Body re-serialised',
  body_whitespace: 'Body whitespace changed',
};

/** `{webhook-id}.{webhook-timestamp}.{body}`, 80 bytes (webhook-id 31, webhook-timestamp 10, body 37). */
function signedText(signed) {
  const parts = signed.parts.map((part) => `${part.name} ${part.bytes}`).join(', ');
  return `${signed.template}, ${signed.bytes} bytes (${parts})`;
}

function secretText(secret) {
  const whose = secret.source === 'client' ? 'this client’s own secret' : 'WEBHOOK_SECRET';
  return `${whose}; SHA-256 of the secret starts ${secret.sha256_prefix}`;
}

function diagnosisNote(diagnosis) {
  return el('p', { className: 'diagnosis' }, el('strong', {}, `${CAUSES[diagnosis.cause] ?? diagnosis.cause}: `), diagnosis.detail);
}

/** The verdict and what explains it; the receiver never sends a signature it computed. */
function signatureSection(signature) {
  return el('section', { className: 'verdict' },
    el('h3', {}, 'Signature ', badge(signature.status, toneOf(signature.status)), signature.scheme ? el('span', { className: 'muted scheme' }, signature.scheme) : null),
    el('p', { className: 'reason' }, signature.reason),
    signature.diagnosis ? diagnosisNote(signature.diagnosis) : null,
    facts([
      ['Received', signature.received === null ? null : el('code', { className: 'wrap' }, signature.received)],
      ['Signed string', signature.signed === null ? null : el('code', { className: 'wrap' }, signedText(signature.signed))],
      ['Secret', signature.secret === null ? null : secretText(signature.secret)],
    ]));
}

function headersSection(rawHeaders) {
  return el('section', {},
    el('h3', {}, `Headers (${rawHeaders.length})`),
    el('table', { className: 'headers' }, el('tbody', {}, rawHeaders.map(([name, value]) => el('tr', {}, el('th', {}, name), el('td', {}, value))))));
}

function bodyText(event) {
  if (event.payload !== null) return JSON.stringify(event.payload, null, 2);
  if (event.body_encoding === 'base64') return `(binary, shown as base64)\n${event.body}`;
  return event.body;
}

function bodySection(event) {
  return el('section', {},
    el('h3', {}, 'Body ', el('span', { className: 'muted' }, `${formatBytes(event.body_size)}${event.payload !== null ? ', JSON shown pretty' : ''}`),
      ' ', el('a', { href: `/webhooks/events/${encodeURIComponent(event.event_id)}/body`, className: 'small-text' }, 'download exact bytes')),
    el('pre', { className: 'body' }, bodyText(event)));
}

/**
 * The replay form survives re-renders (a live update redraws the detail): the target typed
 * and the last answer for this event are kept here.
 */
const replayForm = { target: `${location.origin}/webhooks/replayed`, eventId: null, message: '' };

function replaySection(event, onReplay) {
  const target = el('input', {
    type: 'url', name: 'target_url', required: true, value: replayForm.target, 'aria-label': 'Replay target URL',
    on: { input: () => { replayForm.target = target.value; } },
  });
  // Only a verified event is re-signed (the receiver answers 409 otherwise).
  const verified = event.signature.status === 'valid';
  const signed = el('input', { type: 'checkbox', name: 'include_signature', checked: verified, disabled: !verified });
  const message = el('span', { className: 'muted', role: 'status' }, replayForm.eventId === event.event_id ? replayForm.message : '');
  const say = (text) => {
    Object.assign(replayForm, { eventId: event.event_id, message: text });
    for (const status of document.querySelectorAll('.replay-form [role=status]')) status.textContent = text;
  };
  const form = el('form', {
    className: 'replay-form',
    on: {
      submit: async (submitEvent) => {
        submitEvent.preventDefault();
        say('sending…');
        say(await onReplay(event.event_id, target.value, signed.checked));
      },
    },
  }, target, el('label', { className: 'inline', title: verified ? '' : 'only a verified event is re-signed' }, signed, ' signed'), el('button', { type: 'submit' }, 'Replay'), message);
  const history = event.replays.length === 0 ? el('p', { className: 'muted' }, 'Not replayed yet.') : el('table', { className: 'grid replays' },
    el('thead', {}, el('tr', {}, el('th', {}, 'When'), el('th', {}, 'Kind'), el('th', {}, 'Target'), el('th', {}, 'Status'), el('th', {}, 'Latency'), el('th', {}, 'Answer'))),
    el('tbody', {}, event.replays.map((replay) => el('tr', {},
      el('td', { className: 'nowrap' }, preciseTime(replay.replayed_at)),
      el('td', {}, replay.kind === 'resend' ? `resend, ${replay.signing}` : 'replay'),
      el('td', { className: 'wrap' }, replay.target_url),
      el('td', {}, badge(replay.response_status === null ? 'error' : String(replay.response_status), httpTone(replay.response_status))),
      el('td', { className: 'num' }, `${replay.latency_ms} ms`),
      el('td', { className: 'wrap' }, replay.error ?? replay.response_excerpt ?? '')))));
  return el('section', {}, el('h3', {}, 'Replay'), form, history);
}

export function renderEventDetail(container, event, { onReplay, onResend, onDelete }) {
  container.replaceChildren(
    el('div', { className: 'detail-title' },
      el('h2', {}, event.event_id),
      el('button', { type: 'button', className: 'danger', on: { click: () => onDelete(event.event_id) } }, 'Delete event')),
    facts([
      ['Client', revealHidden(event.client_id)],
      ['Received', preciseTime(event.timestamp)],
      ['Event type', revealHidden(event.event_type)],
      ['Answered', el('span', {}, badge(String(event.response_status), toneOf(event.outcome)), ` ${event.outcome}`)],
      ['Request', `${event.method} ${event.path}`],
      ['Content-Type', event.content_type],
      ['Delivery id', event.delivery_id],
      ['Retries', event.duplicates > 0 ? `${event.duplicates} (last ${preciseTime(event.last_duplicate_at)})` : '0'],
    ]),
    ...[
      signatureSection(event.signature),
      payloadSection(event),
      forwardsSection(event),
      headersSection(event.raw_headers),
      bodySection(event),
      replaySection(event, onReplay),
      resendSection(event, onResend),
    ].filter((section) => section !== null),
  );
}

export function renderNoSelection(container, text) {
  container.replaceChildren(el('p', { className: 'empty' }, text));
}
