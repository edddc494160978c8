// An event's payload check: the body judged against the sender's contract (ajv's errors).
import { badge, el } from '/shared/dom.js';

export function payloadSection(event) {
  if (event.payload_valid === null) {
    return el('section', { className: 'payload' }, el('h3', {}, 'Payload ', badge('not checked', 'info')),
      el('p', { className: 'muted' }, 'No schema applies to this event (bind the client to one in its settings).'));
  }
  return el('section', { className: 'payload' },
    el('h3', {}, 'Payload ', badge(event.payload_valid ? 'valid' : 'invalid', event.payload_valid ? 'ok' : 'error')),
    el('p', { className: 'muted' }, `Checked against ${event.payload_schema}.`),
    event.payload_errors.length === 0 ? null : el('ul', { className: 'payload-errors' },
      event.payload_errors.map((error) => el('li', {}, el('code', {}, error.path || '(body)'), ` ${error.message}`))));
}
