import type { IncomingMessage } from 'node:http';
import type { Express, NextFunction, Request, Response } from 'express';
import type { AuthProvider } from '../../auth-provider/auth-provider';
import { PROTOCOL_ROUTES } from '../../auth-provider/protocol-routes';
import { answerInProtocol, isCorsPreflight, unsupportedContentCoding, type ServerApp } from '../../kit';
import { answerFormPost, takesFormPost } from './form-posts';
import { requestBase } from './request-base';

/** Paths under an issuer that oidc-provider serves (its routes and what follows them, e.g. /authorize/{uid}, /endsession/confirm). */
const PROVIDER_PATHS = ['/.well-known/openid-configuration', ...Object.values(PROTOCOL_ROUTES)];

/** RFC 8414 §3: the metadata of issuer `http://host/{id}` is also at `/.well-known/<name>/{id}`. */
export const PATH_INSERTION = /^\/\.well-known\/(?:openid-configuration|oauth-authorization-server)\/([^/]+)\/?$/;

/**
 * Hands each request for an issuer's protocol endpoints to that issuer's oidc-provider instance,
 * with the issuer's path taken off (as when mounting it under a path), on the issuer's clock.
 * Everything else (the login page, the control API, docs) goes on to express. What it refuses
 * itself is worded as the kit's own answers are (`protocolAnswer`).
 */
export function mountProtocolRoutes(app: Express, core: AuthProvider, protocolAnswer: ServerApp['protocolAnswer']): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    const target = protocolTarget(req.path);
    // A CORS preflight is the kit's to answer: the request guard has given an allowed origin its
    // CORS headers already, and oidc-provider answers no preflight that carries them (a 404, so a
    // browser would never send the userinfo or token request behind it).
    if (!target || isCorsPreflight(req)) {
      next();
      return;
    }
    // oidc-provider reads a body as it arrives, whatever its Content-Encoding says.
    const undecoded = unsupportedContentCoding(req, []);
    if (undecoded) {
      answerInProtocol(req, res, undecoded, protocolAnswer);
      return;
    }
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    core.provider(target.issuerId, requestBase(req)).then(({ issuer, provider }) => {
      if (req.method === 'POST' && takesFormPost(target.path)) {
        answerFormPost(req, res).catch(next);
        return;
      }
      // oidc-provider takes its mount path from what originalUrl has before url: the issuer's path.
      req.url = target.path + query;
      req.originalUrl = `/${target.issuerId}${target.path}${query}`;
      core.onClock(issuer, () => provider.callback()(req, res));
    }, next);
  });
}

/**
 * The request guard lets any origin send this (app.ts): a relying party's page posts a form to
 * its provider's authorization or logout endpoint from its own origin (OpenID Connect Core 1.0
 * §3.1.2.1, RP-Initiated Logout 1.0 §2). It changes nothing: the answer is a redirect to the same
 * request as a GET (form-posts.ts), which any page may send already by navigating; the sign-in
 * it starts is finished by the user on the provider's page, and oidc-provider asks the user to
 * confirm a logout in a form protected by its own xsrf token. Every other POST keeps the guard:
 * the login page's and the logout confirmation's, the control API's.
 */
export function isRelyingPartyFormPost(req: IncomingMessage): boolean {
  if (req.method !== 'POST') return false;
  const target = protocolTarget((req.url ?? '').split('?')[0]);
  return target !== undefined && takesFormPost(target.path);
}

/**
 * The endpoints that answer a client's program, not a browser, in JSON: token, introspection,
 * revocation, device authorization (RFC 6749 §5.2, RFC 7662 §2.3, RFC 7009 §2.2.1, RFC 8628 §3.2)
 * and userinfo (RFC 6750 §3.1, which oidc-provider answers with the same JSON body).
 */
const JSON_ENDPOINTS: readonly string[] = [PROTOCOL_ROUTES.token, PROTOCOL_ROUTES.introspection, PROTOCOL_ROUTES.revocation, PROTOCOL_ROUTES.device_authorization, PROTOCOL_ROUTES.userinfo];

/** Whether `url` (path and query) is an issuer's endpoint whose errors OAuth clients read as `{"error", "error_description"}`. */
export function isOAuthJsonEndpoint(url: string): boolean {
  const target = protocolTarget(url.split('?')[0]);
  return target !== undefined && JSON_ENDPOINTS.includes(target.path);
}

/** The issuer and the path under it of a request for oidc-provider; the issuer id is checked when the issuer is looked up. */
function protocolTarget(path: string): { issuerId: string; path: string } | undefined {
  // A path oidc-provider's router cannot decode is left to the kit, which answers it 400.
  if (!decodable(path)) return undefined;
  const inserted = PATH_INSERTION.exec(path);
  if (inserted) return { issuerId: inserted[1], path: '/.well-known/openid-configuration' };
  const match = /^\/([^/]+)(\/.*)$/.exec(path);
  if (!match) return undefined;
  // A client that joined the issuer and a path with one slash too many still reaches the endpoint.
  const rest = match[2].replace(/^\/+/, '/');
  const served = PROVIDER_PATHS.some((route) => rest === route || rest.startsWith(`${route}/`));
  return served ? { issuerId: match[1], path: rest } : undefined;
}

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
