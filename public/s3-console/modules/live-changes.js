// Live updates through server-sent events (GET /admin/events): every committed object change,
// whoever made it (an SDK, the CLI, this page). EventSource reconnects by itself; the connection
// state shows whether the stream is up.

export function connectLiveChanges(statusElement, onChange) {
  const source = new EventSource('/admin/events');
  const show = (state, text) => {
    statusElement.dataset.state = state;
    statusElement.textContent = text;
  };
  source.addEventListener('open', () => show('live', 'live'));
  source.addEventListener('error', () => show('reconnecting', 'reconnecting…'));
  source.addEventListener('change', (message) => onChange(JSON.parse(message.data)));
  return source;
}

/**
 * Whether a change takes the key out of a listing: a delete in an unversioned bucket, or a
 * delete marker. Removing one version (it names its id) may leave others.
 */
export function removesKey(change) {
  return change.event_name === 'ObjectRemoved:DeleteMarkerCreated' || (change.event_name === 'ObjectRemoved:Delete' && !change.version_id);
}
