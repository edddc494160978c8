import path from 'node:path';
import type { Express, Request, Response } from 'express';
import type Provider from 'oidc-provider';
import type { AuthProvider } from '../../auth-provider/auth-provider';
import { grantEverything } from '../../auth-provider/consent';
import { InteractionGoneError } from '../../auth-provider/errors';
import { errorPage } from '../../auth-provider/protocol-pages';
import type { Issuer } from '../../auth-provider/issuers';
import { isFromUntrustedSite, originMatcher, pageHeaders, publicDir, type OperationHandlers } from '../../kit';
import type { operations } from '../../../generated/auth-provider';
import { requestBase } from './request-base';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

const LOGIN_PAGE = path.join(publicDir('auth-provider'), 'login.html');

interface Pending {
  issuer: Issuer;
  provider: Provider;
  details: Interaction;
}

/** The sign-in this request's interaction cookie belongs to, or InteractionGoneError. */
async function pending(core: AuthProvider, req: Request, res: Response, issuerId: string): Promise<Pending> {
  const { issuer, provider } = await core.provider(issuerId, requestBase(req));
  try {
    const details = await core.onClock(issuer, () => provider.interactionDetails(req, res));
    return { issuer, provider, details };
  } catch (error) {
    throw new InteractionGoneError((error as { error_description?: string }).error_description ?? (error as Error).message);
  }
}

/**
 * Records this interaction's result and returns where the browser resumes. A consent keeps the
 * login submitted before it in the same authorization: without it a prompt=login request would
 * count as not logged in again and loop back to the login page. A login or an error stands alone.
 */
function finish(core: AuthProvider, { issuer, provider }: Pending, req: Request, res: Response, result: Parameters<Provider['interactionResult']>[2]): Promise<string> {
  const mergeWithLastSubmission = 'consent' in result;
  return core.onClock(issuer, () => provider.interactionResult(req, res, result, { mergeWithLastSubmission }));
}

/**
 * GET /{issuer_id}/interaction/{uid}: the consent step is always granted, and a login_hint that
 * names a user signs them in, both answered with a redirect; any other sign-in gets the login page.
 * So does a login_hint in a sign-in a page of another site sent the browser to (a link, a form, a
 * script setting location; Sec-Fetch-Site: cross-site, from an origin CORS_ORIGIN does not allow):
 * it would sign the browser in as a user of that page's choosing, whom every relying party then
 * gets without a page (login CSRF; README, "Security model").
 */
export function mountLoginPage(app: Express, core: AuthProvider, allowedOrigins: readonly string[]): void {
  const originAllowed = originMatcher(allowedOrigins);
  app.get('/:issuerId/interaction/:uid', (req, res, next) => {
    const issuerId = req.params.issuerId as string;
    (async () => {
      let found: Pending;
      try {
        found = await pending(core, req, res, issuerId);
      } catch (error) {
        if (!(error instanceof InteractionGoneError)) throw error;
        pageHeaders(res);
        res.status(400).type('html').send(errorPage({ error: 'interaction_gone', error_description: error.message }));
        return;
      }
      const automatic = await automaticResult(core, found, !isFromUntrustedSite(req, originAllowed));
      if (automatic) {
        res.redirect(303, await finish(core, found, req, res, automatic));
        return;
      }
      pageHeaders(res);
      res.sendFile(LOGIN_PAGE);
    })().catch(next);
  });
}

async function automaticResult(core: AuthProvider, found: Pending, hintTrusted: boolean): Promise<Parameters<Provider['interactionResult']>[2] | undefined> {
  const { details, provider, issuer } = found;
  if (details.prompt.name === 'consent') return core.onClock(issuer, () => grantEverything(provider, details));
  const hint = details.params.login_hint;
  if (details.prompt.name === 'login' && hintTrusted && typeof hint === 'string' && core.directory.user(issuer.id, hint)) {
    return { login: { accountId: hint } };
  }
  return undefined;
}

/** What the login page calls. */
export function interactionHandlers(core: AuthProvider): OperationHandlers<operations> {
  return {
    getInteraction: async (c, req, res) => {
      const issuerId = c.request.params.issuer_id as string;
      const { details } = await pending(core, req, res, issuerId);
      const clientId = String(details.params.client_id);
      const resource = details.params.resource;
      res.json({
        issuer: core.issuerUrl(issuerId, requestBase(req)),
        client_id: clientId,
        client_claims: core.directory.client(issuerId, clientId)?.claims ?? {},
        scope: typeof details.params.scope === 'string' ? details.params.scope : '',
        resource: typeof resource === 'string' ? resource : Array.isArray(resource) ? resource.join(' ') : null,
        users: await core.users(issuerId),
      });
    },
    submitLogin: async (c, req, res) => {
      const issuerId = c.request.params.issuer_id as string;
      const found = await pending(core, req, res, issuerId);
      const { subject, claims } = c.request.requestBody as operations['submitLogin']['requestBody']['content']['application/json'];
      if (claims !== undefined) await core.putUser(issuerId, subject, claims);
      else if (!core.directory.user(issuerId, subject)) await core.putUser(issuerId, subject, {});
      res.json({ redirect_to: await finish(core, found, req, res, { login: { accountId: subject } }) });
    },
    abortInteraction: async (c, req, res) => {
      const found = await pending(core, req, res, c.request.params.issuer_id as string);
      res.json({ redirect_to: await finish(core, found, req, res, { error: 'access_denied', error_description: 'the user cancelled the sign-in' }) });
    },
  };
}
