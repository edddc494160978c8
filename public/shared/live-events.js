/**
 * A page's live feed over server-sent events, for every standin page (served at /shared/):
 * EventSource reconnects by itself; `statusElement` (a .connection) shows whether the stream is
 * up. `handlers` maps each event name to a function of its JSON data.
 */
export function connectLiveEvents(url, statusElement, handlers) {
  const source = new EventSource(url);
  const show = (state, text) => {
    statusElement.dataset.state = state;
    statusElement.textContent = text;
  };
  source.addEventListener('open', () => show('live', 'live'));
  source.addEventListener('error', () => show('reconnecting', 'reconnecting…'));
  for (const [type, handle] of Object.entries(handlers)) {
    source.addEventListener(type, (message) => handle(JSON.parse(message.data)));
  }
  return source;
}
