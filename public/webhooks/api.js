// The receiver's JSON API, as the dashboard uses it (see /docs).

async function request(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const json = await response.json();
  if (!response.ok) throw new Error(json.detail ?? json.title ?? `HTTP ${response.status}`);
  return json;
}

export const api = {
  listEvents: (query) => request('GET', `/webhooks/events?${query}`),
  getEvent: (eventId) => request('GET', `/webhooks/events/${encodeURIComponent(eventId)}`),
  deleteEvent: (eventId) => request('DELETE', `/webhooks/events/${encodeURIComponent(eventId)}`),
  deleteEvents: (clientId) => request('DELETE', `/webhooks/events${clientId ? `?client_id=${encodeURIComponent(clientId)}` : ''}`),
  replay: (eventId, targetUrl, includeSignature) =>
    request('POST', `/webhooks/replay/${encodeURIComponent(eventId)}?target_url=${encodeURIComponent(targetUrl)}&include_signature=${includeSignature}`),
  stats: () => request('GET', '/webhooks/stats'),
  listClients: () => request('GET', '/webhooks/clients'),
  getClient: (clientId) => request('GET', `/webhooks/clients/${encodeURIComponent(clientId)}`),
  putClient: (clientId, settings) => request('PUT', `/webhooks/clients/${encodeURIComponent(clientId)}`, settings),
  resetClient: (clientId) => request('DELETE', `/webhooks/clients/${encodeURIComponent(clientId)}`),
};
