// What the page says for each code the sign-in callback sends it back with (?sign_in_error=<code>,
// src/client-app/sign-in-failure.ts). Only these texts are shown: a code the page does not know,
// however it got into the URL, gets the generic one, so no link can make the page say anything.

const APP_FAILURES = {
  sign_in_not_started: 'This sign-in was not started in this browser, or took longer than 10 minutes. Start again.',
  token_exchange_failed: 'The auth provider sent you back, but the app could not exchange the code for tokens. The live log says why.',
  provider_unreachable: 'The auth provider did not answer when the app asked it for tokens. Check that it is running, then start again.',
  provider_error: 'The auth provider answered with an error. The live log says which.',
};

/** The provider's OAuth error codes (RFC 6749 §4.1.2.1, OpenID Connect Core §3.1.2.6, RFC 8707), each with what it means here. */
const OAUTH_ERRORS = {
  invalid_request: 'the provider found the sign-in request malformed',
  unauthorized_client: 'this app may not sign users in this way',
  access_denied: 'the sign-in was cancelled or refused',
  unsupported_response_type: 'the provider does not offer the authorization code flow to this app',
  invalid_scope: 'the provider refused the scopes the app asked for',
  server_error: 'the provider failed',
  temporarily_unavailable: 'the provider is busy; try again in a moment',
  interaction_required: 'the provider needs you on its page',
  login_required: 'the provider needs you to log in',
  account_selection_required: 'the provider needs you to choose an account',
  consent_required: 'the provider needs your consent',
  invalid_request_uri: 'the provider refused the request URI',
  invalid_request_object: 'the provider refused the request object',
  request_not_supported: 'the provider does not support request objects',
  request_uri_not_supported: 'the provider does not support request URIs',
  registration_not_supported: 'the provider does not support registration',
  invalid_target: 'the provider refused the resource the app asked a token for (AUTH_RESOURCE)',
};

const GENERIC = 'The sign-in did not complete. Start again; the live log says what happened.';

/** The page's own text for a sign-in failure code; an OAuth code is named in it, an unknown one never shown. */
export function signInFailureText(code) {
  if (Object.hasOwn(APP_FAILURES, code)) return APP_FAILURES[code];
  if (Object.hasOwn(OAUTH_ERRORS, code)) return `The auth provider answered ${code}: ${OAUTH_ERRORS[code]}.`;
  return GENERIC;
}
