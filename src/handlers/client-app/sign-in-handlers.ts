import type { CookieOptions, Request } from 'express';
import { HttpProblem, isFromUntrustedSite, type OperationHandlers } from '../../kit';
import type { ClientAppCore } from '../../client-app/client-app';
import type { SignedInUser } from '../../client-app/sign-in';
import type { operations } from '../../../generated/client-app';

/** The pending sign-in (PKCE verifier, state, nonce) while the provider's page is open. */
const PENDING_COOKIE = 'standin_sign_in';
/** The signed-in user; the tokens themselves stay on the server. */
const SESSION_COOKIE = 'standin_session';
const PENDING_COOKIE_OPTIONS: CookieOptions = { httpOnly: true, sameSite: 'lax', path: '/api/auth', maxAge: 10 * 60 * 1000 };
const SESSION_COOKIE_OPTIONS: CookieOptions = { httpOnly: true, sameSite: 'lax', path: '/' };

/**
 * "Sign in with the auth provider" (openapi/client-app.yaml, tag Sign-in). A sign-in started by a
 * page of another site (a link to /api/auth/login?login_hint=mallory, which the provider signs in
 * without a page) would leave this browser signed in as someone else: a login CSRF.
 */
export function signInHandlers(core: ClientAppCore, originAllowed: (origin: string) => boolean): OperationHandlers<operations> {
  return {
    getSignIn: async (_c, req, res) => {
      // it holds the signed-in user's access token: never stored, as RFC 6749 §5.1 asks of a token's answer
      res.setHeader('Cache-Control', 'no-store');
      res.json(await core.signIn.state(cookie(req, SESSION_COOKIE)));
    },

    startSignIn: async (c, req, res) => {
      if (isFromUntrustedSite(req, originAllowed)) {
        throw new HttpProblem(403, 'Origin Not Allowed', 'A sign-in starts from this app\'s own page, not from a page of another site (Sec-Fetch-Site: cross-site).');
      }
      const loginHint = c.request.query.login_hint as string | undefined;
      // The callback at the address the browser used, so the session cookie lands where the page is.
      const { url, pendingId } = await core.signIn.begin(`${req.protocol}://${req.get('host')}/api/auth/callback`, loginHint);
      res.cookie(PENDING_COOKIE, pendingId, PENDING_COOKIE_OPTIONS);
      res.redirect(302, url);
    },

    finishSignIn: async (_c, req, res) => {
      const outcome = await core.signIn.complete(cookie(req, PENDING_COOKIE), new URLSearchParams(req.originalUrl.split('?')[1] ?? ''));
      res.clearCookie(PENDING_COOKIE, { path: PENDING_COOKIE_OPTIONS.path });
      if (!outcome.signedIn) {
        core.activity.record('sign_in.failed', `sign-in failed: ${outcome.reason}`, { reason: outcome.reason, code: outcome.code }, 'warn');
        // a code the page words itself, never the reason: the provider's text comes from the URL
        res.redirect(303, `/?sign_in_error=${outcome.code}`);
        return;
      }
      res.cookie(SESSION_COOKIE, outcome.sessionId, { ...SESSION_COOKIE_OPTIONS, expires: new Date(outcome.user.expiresAt) });
      core.activity.record('sign_in.completed', `signed in with the auth provider as ${outcome.user.userId}`, { user_id: outcome.user.userId, issuer: outcome.user.claims.iss ?? null });
      res.redirect(303, '/');
    },

    signOut: (_c, req, res) => {
      core.signIn.signOut(cookie(req, SESSION_COOKIE));
      res.clearCookie(SESSION_COOKIE, { path: SESSION_COOKIE_OPTIONS.path });
      res.status(204).end();
    },
  };
}

/** The user this browser signed in as, if any (for uploads). */
export function signedInUser(core: ClientAppCore, req: Request): SignedInUser | undefined {
  return core.signIn.user(cookie(req, SESSION_COOKIE));
}

/** One cookie's value from the Cookie header (RFC 6265 §5.4: `name=value` pairs joined by `; `). */
function cookie(req: Request, name: string): string | undefined {
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
