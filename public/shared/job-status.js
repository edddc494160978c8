/** The tone (badge and tile colour in base.css) of an image API job status, on every page that shows jobs. */
const TONES = { pending: 'info', processing: 'info', retrying: 'warn', completed: 'ok', failed: 'error' };

export function jobStatusTone(status) {
  return TONES[status];
}
