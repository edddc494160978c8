// The receiver's JSON API, as the dashboard uses it (see /docs).
import { requestJson } from '/shared/api.js';

const events = '/webhooks/events';
const clients = '/webhooks/clients';

export const api = {
  listEvents: (query) => requestJson(`${events}?${query}`),
  getEvent: (eventId) => requestJson(`${events}/${encodeURIComponent(eventId)}`),
  deleteEvent: (eventId) => requestJson(`${events}/${encodeURIComponent(eventId)}`, { method: 'DELETE' }),
  deleteEvents: (clientId) => requestJson(`${events}${clientId ? `?client_id=${encodeURIComponent(clientId)}` : ''}`, { method: 'DELETE' }),
  replay: (eventId, targetUrl, includeSignature) => requestJson(
    `/webhooks/replay/${encodeURIComponent(eventId)}?target_url=${encodeURIComponent(targetUrl)}&include_signature=${includeSignature}`,
    { method: 'POST' },
  ),
  resend: (eventId, request) => requestJson(`${events}/${encodeURIComponent(eventId)}/resend`, { method: 'POST', body: request }),
  templates: () => requestJson('/webhooks/trigger/templates'),
  trigger: (request) => requestJson('/webhooks/trigger', { method: 'POST', body: request }),
  forwards: () => requestJson('/webhooks/forwards?limit=20'),
  stats: () => requestJson('/webhooks/stats'),
  listClients: () => requestJson(clients),
  getClient: (clientId) => requestJson(`${clients}/${encodeURIComponent(clientId)}`),
  putClient: (clientId, settings) => requestJson(`${clients}/${encodeURIComponent(clientId)}`, { method: 'PUT', body: settings }),
  resetClient: (clientId) => requestJson(`${clients}/${encodeURIComponent(clientId)}`, { method: 'DELETE' }),
};
