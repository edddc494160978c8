/**
 * Why a sign-in failed, as the code the callback sends the page (`/?sign_in_error=<code>`): the
 * page shows its own text for each, so no one can make it say something by writing a URL. The
 * provider's OAuth error keeps its code, which says what went wrong; the text it came with stays
 * in the activity log.
 */
export type SignInFailureCode = (typeof APP_FAILURES)[number] | (typeof OAUTH_ERRORS)[number] | 'provider_error';

/** The app's own: no sign-in was started in this browser (or it expired), the token request failed, the provider did not answer it. */
const APP_FAILURES = ['sign_in_not_started', 'token_exchange_failed', 'provider_unreachable'] as const;

/**
 * The error codes an authorization endpoint answers with: RFC 6749 §4.1.2.1, OpenID Connect Core
 * §3.1.2.6, RFC 8707 §2 (`invalid_target`). Any other is passed on as `provider_error`.
 */
export const OAUTH_ERRORS = [
  'invalid_request', 'unauthorized_client', 'access_denied', 'unsupported_response_type', 'invalid_scope', 'server_error',
  'temporarily_unavailable', 'interaction_required', 'login_required', 'account_selection_required', 'consent_required',
  'invalid_request_uri', 'invalid_request_object', 'request_not_supported', 'request_uri_not_supported', 'registration_not_supported',
  'invalid_target',
] as const;

/** Every code the callback may send, for the page's texts and their test. */
export const SIGN_IN_FAILURE_CODES: readonly SignInFailureCode[] = [...APP_FAILURES, ...OAUTH_ERRORS, 'provider_error'];

/** The code for the OAuth `error` a provider sent the browser back with. */
export function providerFailure(error: string): SignInFailureCode {
  return (OAUTH_ERRORS as readonly string[]).includes(error) ? (error as SignInFailureCode) : 'provider_error';
}
