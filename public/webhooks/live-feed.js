// Live updates through server-sent events (GET /webhooks/stream): no polling. EventSource
// reconnects by itself; the connection state shows whether the stream is up.

const MESSAGE_TYPES = ['webhook', 'duplicate', 'deleted', 'replay', 'forward'];

export function connectLiveFeed(statusElement, onMessage) {
  const source = new EventSource('/webhooks/stream');
  const show = (state, text) => {
    statusElement.dataset.state = state;
    statusElement.textContent = text;
  };
  source.addEventListener('open', () => show('live', 'live'));
  source.addEventListener('error', () => show('reconnecting', 'reconnecting…'));
  for (const type of MESSAGE_TYPES) {
    source.addEventListener(type, (message) => onMessage(type, JSON.parse(message.data)));
  }
  return source;
}
