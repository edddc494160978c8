// Live updates through server-sent events (GET /admin/events): every committed object change,
// whoever made it (an SDK, the CLI, this page).
import { connectLiveEvents } from '/_console/shared/live-events.js';

export function connectLiveChanges(statusElement, onChange) {
  return connectLiveEvents('/admin/events', statusElement, { change: onChange });
}

/**
 * Whether a change takes the key out of a listing: a delete in an unversioned bucket, or a
 * delete marker. Removing one version (it names its id) may leave others.
 */
export function removesKey(change) {
  return change.event_name === 'ObjectRemoved:DeleteMarkerCreated' || (change.event_name === 'ObjectRemoved:Delete' && !change.version_id);
}
