// The tone (badge colour in /shared/base.css) of a signature status or a delivery outcome.
const TONES = { valid: 'ok', accepted: 'ok', invalid: 'error', rejected: 'error', missing: 'warn', failed: 'warn' };

export function toneOf(word) {
  return TONES[word];
}

/** A replay's answer: 2xx is good news, anything else (or no answer) is not. */
export function httpTone(status) {
  return status !== null && status < 300 ? 'ok' : 'error';
}
