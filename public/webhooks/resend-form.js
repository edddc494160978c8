// Edit and resend: the event's body and headers, edited, sent to a target, signed as chosen.
import { el } from '/shared/dom.js';
import { headersToText, textToHeaders } from './header-text.js';
import { SCHEMES } from './schemes.js';

/** What was typed, per event, so a live re-render of the detail keeps it. */
const drafts = new Map();

function draftOf(event) {
  if (!drafts.has(event.event_id)) {
    drafts.set(event.event_id, {
      target: `${location.origin}/webhooks/resent`,
      signing: event.signature.status === 'valid' ? 'signed' : 'unsigned',
      scheme: '',
      body: event.body_encoding === 'utf8' ? event.body : '',
      headers: headersToText(event.raw_headers),
      message: '',
    });
  }
  return drafts.get(event.event_id);
}

export function resendSection(event, onResend) {
  const draft = draftOf(event);
  const keep = (field) => (inputEvent) => { draft[field] = inputEvent.target.value; };
  const message = el('span', { className: 'muted', role: 'status' }, draft.message);
  const binary = event.body_encoding === 'base64';
  const form = el('form', {
    className: 'resend-form',
    on: {
      submit: async (submitEvent) => {
        submitEvent.preventDefault();
        // A live update may have redrawn the detail meanwhile: say it in the form on the page.
        const say = (text) => {
          draft.message = text;
          for (const status of document.querySelectorAll('.resend-form [role=status]')) status.textContent = text;
        };
        let headers;
        try {
          headers = textToHeaders(draft.headers);
        } catch (error) {
          say(error.message);
          return;
        }
        say('sending…');
        const request = { target_url: draft.target, signing: draft.signing, headers, ...(draft.scheme ? { scheme: draft.scheme } : {}), ...(binary ? {} : { body: draft.body }) };
        say(await onResend(event.event_id, request));
      },
    },
  },
  el('label', {}, 'Target', el('input', { type: 'url', name: 'target_url', required: true, value: draft.target, on: { input: keep('target') } })),
  el('label', {}, 'Signature',
    el('select', { name: 'signing', on: { change: keep('signing') } },
      ['signed', 'unsigned', 'wrong'].map((mode) => el('option', { value: mode, selected: draft.signing === mode },
        { signed: "re-signed with the client's scheme and secret", unsigned: 'unsigned', wrong: 'a deliberately wrong signature' }[mode])))),
  el('label', {}, 'Scheme',
    el('select', { name: 'scheme', on: { change: keep('scheme') } },
      ['', ...SCHEMES.map(([value]) => value)].map((scheme) => el('option', { value: scheme, selected: draft.scheme === scheme }, scheme || "the client's, else the event's")))),
  el('label', {}, 'Headers (Name: value per line; signature headers are replaced)',
    el('textarea', { name: 'headers', rows: 5, spellcheck: false, value: draft.headers, on: { input: keep('headers') } })),
  binary ? el('p', { className: 'muted' }, 'The body is binary: it is sent as received.')
    : el('label', {}, 'Body', el('textarea', { name: 'body', rows: 6, spellcheck: false, value: draft.body, on: { input: keep('body') } })),
  el('div', { className: 'form-actions' }, el('button', { type: 'submit' }, 'Send'), message));
  return el('section', {}, el('h3', {}, 'Edit and resend'), form);
}
