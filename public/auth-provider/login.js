// The login page: lists the issuer's users, takes any subject with JSON claims, and shows the
// claims the sign-in will issue (the user's, the client's, and `sub`) before it happens.
import { requestJson } from '/shared/api.js';
import { byId, el } from '/shared/dom.js';
import { revealHidden } from '/shared/format.js';

const base = window.location.pathname.replace(/\/+$/, '');
let details = null;

/** What the tokens will carry for `subject` with `claims`: the client's claims, then the user's, then sub. */
function issued(subject, claims) {
  return { ...details.client_claims, ...claims, sub: subject };
}

/**
 * Subjects and claims are whatever the control API or this page was given: characters that hide
 * or reorder text show as <U+202E> (revealHidden), so no two users look alike.
 */
const shown = (claims) => revealHidden(JSON.stringify(claims, null, 2));

function showPreview(subject, claims) {
  byId('preview').textContent = shown(issued(subject, claims));
}

function fail(error) {
  byId('status').textContent = error.message;
}

async function signIn(subject, claims) {
  try {
    const body = claims === undefined ? { subject } : { subject, claims };
    const { redirect_to: next } = await requestJson(`${base}/login`, { method: 'POST', body });
    window.location.assign(next);
  } catch (error) {
    fail(error);
  }
}

function freeFormClaims() {
  const text = byId('claims').value.trim() || '{}';
  const claims = JSON.parse(text);
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new Error('Claims must be a JSON object');
  return claims;
}

function updateFreeFormPreview() {
  try {
    showPreview(byId('subject').value || '(subject)', freeFormClaims());
    byId('status').textContent = '';
  } catch (error) {
    byId('status').textContent = `Claims: ${error.message}`;
  }
}

function renderUsers() {
  byId('users').replaceChildren(...details.users.map((user) => el('li', { className: 'user-row', 'data-subject': user.subject },
    el('button', { type: 'button', on: { click: () => signIn(user.subject) }, 'aria-label': `Sign in as ${revealHidden(user.subject)}` }, revealHidden(user.subject)),
    el('pre', { on: { mouseenter: () => showPreview(user.subject, user.claims) } }, shown(user.claims)),
  )));
}

async function main() {
  try {
    details = await requestJson(`${base}/details`);
  } catch (error) {
    fail(error);
    return;
  }
  byId('issuer').textContent = details.issuer;
  byId('client-id').textContent = details.client_id;
  byId('scope').textContent = details.scope || '(none)';
  byId('resource').textContent = details.resource ?? '(none: opaque access token for userinfo)';
  renderUsers();
  if (details.users.length > 0) showPreview(details.users[0].subject, details.users[0].claims);
  byId('subject').addEventListener('input', updateFreeFormPreview);
  byId('claims').addEventListener('input', updateFreeFormPreview);
  byId('free-form').addEventListener('submit', (event) => {
    event.preventDefault();
    try {
      signIn(byId('subject').value, freeFormClaims());
    } catch (error) {
      fail(new Error(`Claims: ${error.message}`));
    }
  });
  byId('cancel').addEventListener('click', async () => {
    try {
      const { redirect_to: next } = await requestJson(`${base}/abort`, { method: 'POST' });
      window.location.assign(next);
    } catch (error) {
      fail(error);
    }
  });
}

main();
