import { byId, el } from '/shared/dom.js';
import { formatDateTime, formatSeconds } from '/shared/format.js';
import { api } from './api.js';

const STORAGE_KEY = 'standin.client.user_id';

/** getRandomValues, not randomUUID: the page may be opened over plain http on a LAN address. */
export function randomUserId(prefix) {
  const bytes = window.crypto.getRandomValues(new Uint8Array(4));
  return `${prefix}-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** A claim in Unix seconds: the date, with the raw number under it. */
function showUnixTime(node, seconds) {
  node.replaceChildren(formatDateTime(new Date(seconds * 1000).toISOString()), el('span', { className: 'unix' }, String(seconds)));
}

/**
 * Step 1: who the page acts as, and a token for them with its decoded claims. Uploads get a
 * fresh token from the server anyway; this shows what that token carries.
 */
export function createTokenPanel({ log }) {
  const input = byId('user-id');
  const view = byId('token-view');
  const expiry = byId('token-expiry');
  let expiresAt = 0;

  input.value = window.localStorage.getItem(STORAGE_KEY) || randomUserId('user');

  async function generate() {
    if (!input.reportValidity()) return;
    window.localStorage.setItem(STORAGE_KEY, input.value);
    try {
      const token = await api.generateToken(input.value);
      byId('token-value').textContent = token.token;
      byId('claim-sub').textContent = token.claims.sub;
      showUnixTime(byId('claim-iat'), token.claims.iat);
      showUnixTime(byId('claim-exp'), token.claims.exp);
      expiresAt = token.claims.exp * 1000;
      tick();
      view.hidden = false;
    } catch (error) {
      log(`token: ${error.message}`);
    }
  }

  function tick() {
    if (!expiresAt) return;
    const left = (expiresAt - Date.now()) / 1000;
    expiry.textContent = left > 0 ? `in ${formatSeconds(left)}` : 'expired';
    expiry.classList.toggle('expired', left <= 0);
  }

  byId('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    generate();
  });
  byId('new-user').addEventListener('click', () => {
    input.value = randomUserId('user');
    generate();
  });
  byId('copy-token').addEventListener('click', () => navigator.clipboard?.writeText(byId('token-value').textContent ?? ''));
  setInterval(tick, 1000);
  generate();

  /** Signed in with the auth provider, the page acts as that user only; signed out, as anyone. */
  function actAs(userId) {
    input.readOnly = userId !== null;
    byId('new-user').disabled = userId !== null;
    if (userId !== null && input.value !== userId) {
      input.value = userId;
      generate();
    }
  }

  return { userId: () => input.value, actAs };
}
