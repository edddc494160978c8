// An event's payload check: the body judged against the sender's contract (ajv's errors), or why it was not.
import { badge, el } from '/shared/dom.js';

export function payloadSection(event) {
  if (event.payload_check === 'unchecked') {
    return el('section', { className: 'payload' }, el('h3', {}, 'Payload ', badge('not checked', 'info')),
      el('p', { className: 'muted' }, 'No schema applies to this event (bind the client to one in its settings).'));
  }
  if (event.payload_check === 'not_judged') {
    return el('section', { className: 'payload' }, el('h3', {}, 'Payload ', badge('not judged', 'warn')),
      el('p', { className: 'muted' }, `${event.payload_schema} reached no verdict, valid or not: ${event.payload_not_judged}.`));
  }
  const valid = event.payload_check === 'valid';
  return el('section', { className: 'payload' },
    el('h3', {}, 'Payload ', badge(valid ? 'valid' : 'invalid', valid ? 'ok' : 'error')),
    el('p', { className: 'muted' }, `Checked against ${event.payload_schema}.`),
    event.payload_errors.length === 0 ? null : el('ul', { className: 'payload-errors' },
      event.payload_errors.map((error) => el('li', {}, el('code', {}, error.path || '(body)'), ` ${error.message}`))));
}
