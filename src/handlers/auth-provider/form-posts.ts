import type { Request, Response } from 'express';
import { PROTOCOL_ROUTES } from '../../auth-provider/protocol-routes';
import { HttpProblem, readBody } from '../../kit';

/**
 * The endpoints a relying party's page may send the browser to with a form POST as well as a GET,
 * with the same parameters: authorization (OpenID Connect Core 1.0 §3.1.2.1) and logout (OpenID
 * Connect RP-Initiated Logout 1.0 §2).
 */
const FORM_POST_ROUTES: readonly string[] = [PROTOCOL_ROUTES.authorization, PROTOCOL_ROUTES.end_session];

/**
 * The parameters must fit in the URL of the GET they become: Node reads at most 16 KiB of request
 * line and headers, and the browser's cookies need room too.
 */
const MAX_FORM_BYTES = 8 * 1024;

const FORM = 'application/x-www-form-urlencoded';

/** Whether `path` under an issuer (`/authorize`, `/endsession`) takes a form POST. */
export function takesFormPost(path: string): boolean {
  return FORM_POST_ROUTES.includes(path);
}

/**
 * Answers a form POST to the authorization or logout endpoint with 303 See Other to the same URL
 * with the form's parameters as its query, which the browser then sends as a GET. oidc-provider
 * serves these endpoints with POST only with enableHttpPostMethods, which needs SameSite=None
 * session cookies, and browsers keep those only with Secure, over https: standin's cookies are
 * SameSite=Lax, which a browser leaves out of a POST another site's page sends. The GET that follows
 * is a top-level navigation, which carries them, so oidc-provider sees the user's session as it
 * does when the party navigates with a GET: the user is not asked to sign in again, and logout
 * ends the session the user has. Like oidc-provider's POST, only the body's parameters count.
 */
export async function answerFormPost(req: Request, res: Response): Promise<void> {
  // A request without a body is an empty form (oidc-provider names what is missing); a body of another type is refused.
  if (req.is(FORM) === false) {
    throw new HttpProblem(415, 'Unsupported Media Type', `POST ${req.path} takes ${FORM}, not ${req.headers['content-type'] ?? 'none'}`, {}, { accept: FORM });
  }
  const query = (await readForm(req, req.path)).toString();
  res.status(303).set({ location: query ? `${req.path}?${query}` : req.path, 'cache-control': 'no-store' }).end();
}

/**
 * The form's parameters, read up to MAX_FORM_BYTES; the rest of a larger body is drained, so the
 * 413 reaches a client still sending it. The connection then closes: a body that size is no
 * relying party's request, and the kit stops draining a closed connection soon (RFC 9112 §9.6).
 */
async function readForm(req: Request, path: string): Promise<URLSearchParams> {
  const tooLarge = () => new HttpProblem(
    413, 'Payload Too Large', `POST ${path} takes at most ${MAX_FORM_BYTES} bytes of parameters: they must fit in the URL of the GET it is answered with`, {}, { connection: 'close' },
  );
  const body = await readBody(req, { limit: MAX_FORM_BYTES, tooLarge });
  return new URLSearchParams(body.toString('utf8'));
}
