/**
 * A fetch that sends requests for one origin to another base URL instead: how a server in a
 * container reaches a service whose URLs name the address browsers use (an OAuth issuer at
 * http://localhost:8080 reached as http://auth:8080; README, "Docker"). Requests
 * for any other origin, and every request when `to` is empty, go out unchanged.
 */
export function reroutedFetch(from: string, to: string): typeof fetch {
  if (!to) return fetch;
  const fromOrigin = new URL(from).origin;
  const target = new URL(to);
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    if (url.origin !== fromOrigin) return fetch(input, init);
    url.protocol = target.protocol;
    url.host = target.host;
    return fetch(input instanceof Request ? new Request(url, input) : url, init);
  };
}
