// Live updates through server-sent events (GET /webhooks/stream): no polling.
import { connectLiveEvents } from '/shared/live-events.js';

const MESSAGE_TYPES = ['webhook', 'duplicate', 'deleted', 'replay', 'forward'];

/**
 * `onConnected` runs each time the stream opens: nothing sent while it was down (the receiver
 * restarting and resuming its forwards, a connection lost) is sent again, so the page reads its
 * lists anew rather than wait for the next message to show what it missed.
 */
export function connectLiveFeed(statusElement, onMessage, onConnected) {
  const source = connectLiveEvents('/webhooks/stream', statusElement, Object.fromEntries(MESSAGE_TYPES.map((type) => [type, (data) => onMessage(type, data)])));
  source.addEventListener('open', onConnected);
  return source;
}
