import { byId, el } from '/shared/dom.js';
import { formatDateTime } from '/shared/format.js';
import { api } from './api.js';
import { hideNotice, showNotice } from './notice.js';
import { signInFailureText } from './sign-in-failures.js';

/** A claims object as a definition list; times in Unix seconds also as dates. */
function showClaims(node, claims) {
  node.replaceChildren(...Object.entries(claims ?? {}).map(([name, value]) => {
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    const date = ['iat', 'exp', 'nbf', 'auth_time'].includes(name) && typeof value === 'number'
      ? el('span', { className: 'unix' }, formatDateTime(new Date(value * 1000).toISOString()))
      : null;
    return el('div', {}, el('dt', {}, name), el('dd', {}, shown, date));
  }));
}

/**
 * "Sign in with the auth provider", beside "Generate token": the client app's server runs the
 * authorization code flow with PKCE (GET /api/auth/login redirects to the provider, which sends
 * the browser back to /api/auth/callback). Signed in, the page acts as the token's `sub`, and
 * uploads go with the provider's access token, whose claims are shown here.
 */
export function createSignInPanel({ actAs, log }) {
  const notice = byId('sign-in-notice');
  const hint = byId('sign-in-hint');
  const view = byId('signed-in-view');
  const signOutButton = byId('sign-out');

  function show(state) {
    const { provider } = state;
    hint.textContent = provider.status === 'ok'
      ? `Auth provider: ${provider.issuer}`
      : `Auth provider ${provider.issuer} is not reachable.`;
    signOutButton.hidden = !state.signed_in;
    view.hidden = !state.signed_in;
    actAs(state.signed_in ? state.user_id : null);
    if (!state.signed_in) return;
    byId('signed-in-user').textContent = state.user_id;
    byId('signed-in-expiry').textContent = formatDateTime(state.expires_at);
    byId('access-token-value').textContent = state.access_token;
    showClaims(byId('access-token-claims'), state.claims);
    showClaims(byId('id-token-claims'), state.id_token_claims);
  }

  async function refresh() {
    try {
      const state = await api.signInState();
      show(state);
      return state;
    } catch (error) {
      hint.textContent = `sign-in state: ${error.message}`;
      return null;
    }
  }

  byId('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const state = await refresh();
    if (state?.provider.status !== 'ok') {
      showNotice(notice, 'error', 'The auth provider does not answer', state?.provider.detail ?? 'the client app did not answer');
      return;
    }
    const loginHint = byId('login-hint').value.trim();
    window.location.assign(`/api/auth/login${loginHint ? `?login_hint=${encodeURIComponent(loginHint)}` : ''}`);
  });

  signOutButton.addEventListener('click', async () => {
    try {
      await api.signOut();
      hideNotice(notice);
      log('signed out');
    } catch (error) {
      log(`sign-out: ${error.message}`);
    }
    refresh();
  });
  byId('copy-access-token').addEventListener('click', () => navigator.clipboard?.writeText(byId('access-token-value').textContent ?? ''));

  // The callback sends the browser back here with ?sign_in_error=<code> when sign-in failed; the
  // page shows its own text for the code, never what the URL says.
  const failure = new URLSearchParams(window.location.search).get('sign_in_error');
  if (failure !== null) {
    showNotice(notice, 'error', 'Sign-in failed', signInFailureText(failure));
    window.history.replaceState(null, '', window.location.pathname);
  }
  refresh();
}
