// Live updates through server-sent events (GET /webhooks/stream): no polling.
import { connectLiveEvents } from '/shared/live-events.js';

const MESSAGE_TYPES = ['webhook', 'duplicate', 'deleted', 'replay', 'forward'];

export function connectLiveFeed(statusElement, onMessage) {
  return connectLiveEvents('/webhooks/stream', statusElement, Object.fromEntries(MESSAGE_TYPES.map((type) => [type, (data) => onMessage(type, data)])));
}
