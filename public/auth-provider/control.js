// The control page: one issuer's state and the control API's actions (README, "Auth provider").
import { requestJson } from '/shared/api.js';
import { byId, el, badge } from '/shared/dom.js';
import { revealHidden } from '/shared/format.js';

const ENDPOINTS = ['.well-known/openid-configuration', 'jwks', 'authorize', 'token', 'userinfo', 'introspect', 'revoke', 'endsession', 'device_authorization', 'device'];

let issuerId = new URLSearchParams(window.location.search).get('issuer') || 'default';
const api = (path = '') => `/admin/issuers/${encodeURIComponent(issuerId)}${path}`;

function say(text, tone = 'ok') {
  byId('status').replaceChildren(badge(text, tone));
}

/** Runs an action, then shows the issuer again; a refusal is shown, never thrown away. */
async function act(label, work) {
  try {
    await work();
    say(`${label}: done`);
  } catch (error) {
    say(`${label}: ${error.message}`, 'error');
  }
  await refresh();
}

function parseClaims(id) {
  const claims = JSON.parse(byId(id).value.trim() || '{}');
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new Error('claims must be a JSON object');
  return claims;
}

function renderIssuer(issuer) {
  const url = `${window.location.origin}/${issuer.id}`;
  byId('issuer-url').textContent = url;
  byId('signing-alg').textContent = issuer.signing_alg;
  byId('endpoints').replaceChildren(...ENDPOINTS.map((path) => el('li', {}, el('a', { href: `${url}/${path}` }, `${url}/${path}`))));
  const { clock, pending_failure: failure } = issuer;
  byId('clock').textContent = `${clock.now} (offset ${clock.offset_s} s${clock.frozen ? ', frozen' : ''})`;
  byId('failure').textContent = failure ? `${failure.remaining} × ${failure.error} (HTTP ${failure.status})` : 'none';
  byId('keys').replaceChildren(...issuer.keys.map((key) => el('tr', {},
    el('td', {}, el('code', {}, key.kid)), el('td', {}, key.alg), el('td', {}, key.retired_at ? `retired ${key.retired_at}` : 'signing'))));
}

function renderUsers(users) {
  byId('users').replaceChildren(...users.map((user) => el('tr', {},
    // Characters that hide or reorder text show as <U+202E>, as on the login page.
    el('td', {}, revealHidden(user.subject)),
    el('td', {}, el('code', {}, revealHidden(JSON.stringify(user.claims)))),
    el('td', {}, user.source === 'api'
      ? el('button', { className: 'small danger', type: 'button', on: { click: () => act(`remove ${user.subject}`, () => requestJson(api(`/users/${encodeURIComponent(user.subject)}`), { method: 'DELETE' })) } }, 'Remove')
      : el('span', { className: 'muted' }, user.source)))));
}

function renderClients(clients) {
  byId('clients').replaceChildren(...clients.map((client) => el('tr', {},
    el('td', {}, client.client_id),
    el('td', {}, client.confidential ? 'confidential' : 'public'),
    el('td', {}, client.redirect_uris.join(' ')),
    el('td', {}, client.source === 'api'
      ? el('button', { className: 'small danger', type: 'button', on: { click: () => act(`remove ${client.client_id}`, () => requestJson(api(`/clients/${encodeURIComponent(client.client_id)}`), { method: 'DELETE' })) } }, 'Remove')
      : el('span', { className: 'muted' }, client.source)))));
}

async function refresh() {
  try {
    const [issuer, { users }, { clients }, { issuers }] = await Promise.all([
      requestJson(api()), requestJson(api('/users')), requestJson(api('/clients')), requestJson('/admin/issuers'),
    ]);
    renderIssuer(issuer);
    renderUsers(users);
    renderClients(clients);
    byId('issuer-ids').replaceChildren(...issuers.map((known) => el('option', { value: known.id })));
  } catch (error) {
    say(error.message, 'error');
  }
}

function onSubmit(id, label, work) {
  byId(id).addEventListener('submit', (event) => {
    event.preventDefault();
    act(label, work);
  });
}

onSubmit('issuer-picker', 'open issuer', async () => {
  issuerId = byId('issuer-id').value;
  window.history.replaceState(null, '', `?issuer=${encodeURIComponent(issuerId)}`);
});
onSubmit('rotate-form', 'rotate keys', () => requestJson(api('/keys/rotate'), { method: 'POST', body: { alg: byId('rotate-alg').value } }));
onSubmit('user-form', 'save user', () => requestJson(api(`/users/${encodeURIComponent(byId('user-subject').value)}`), { method: 'PUT', body: { claims: parseClaims('user-claims') } }));
onSubmit('client-form', 'register client', () => {
  const secret = byId('client-secret').value;
  const body = {
    redirect_uris: byId('client-redirects').value.split('\n').map((line) => line.trim()).filter(Boolean),
    claims: parseClaims('client-claims'),
    ...(secret ? { client_secret: secret } : {}),
  };
  return requestJson(api(`/clients/${encodeURIComponent(byId('client-id').value)}`), { method: 'PUT', body });
});
onSubmit('failure-form', 'queue failures', () => {
  const status = byId('failure-status').value;
  const description = byId('failure-description').value;
  const body = { error: byId('failure-error').value, count: Number(byId('failure-count').value), ...(status ? { status: Number(status) } : {}), ...(description ? { error_description: description } : {}) };
  return requestJson(api('/failures'), { method: 'PUT', body });
});
byId('clear-failures').addEventListener('click', () => act('clear failures', () => requestJson(api('/failures'), { method: 'DELETE' })));
onSubmit('clock-form', 'set clock', () => requestJson(api('/clock'), { method: 'PUT', body: { offset_s: Number(byId('clock-offset').value), frozen: byId('clock-frozen').checked } }));
byId('reset-clock').addEventListener('click', () => act('real time', () => requestJson(api('/clock'), { method: 'DELETE' })));
byId('revoke-sessions').addEventListener('click', () => act('end every session', () => requestJson(api('/sessions'), { method: 'DELETE' })));

byId('issuer-id').value = issuerId;
refresh();
