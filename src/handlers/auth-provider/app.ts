import { AuthProvider } from '../../auth-provider/auth-provider';
import type { AuthProviderConfig } from '../../auth-provider/config';
import { createLogger, createServer, mountStaticPage, pageSecurityPolicy, publicDir, specPath, type ServerApp } from '../../kit';
import { controlHandlers } from './control';
import { interactionHandlers, mountLoginPage } from './interaction';
import { mountIssuerCreationGuard } from './issuer-creation-guard';
import { oauthProtocolAnswer } from './oauth-protocol-answer';
import { authProviderProblem } from './problems';
import { isRelyingPartyFormPost, mountProtocolRoutes } from './protocol-routes';

/** Top-level names the server uses itself, so they never name an issuer. */
const RESERVED_NAMES = new Set(['admin', 'docs', 'health', 'openapi.json', 'shared', 'auth-provider']);

/**
 * The pages oidc-provider renders post forms that end in a redirect to the client (logout to
 * post_logout_redirect_uri), which a browser checks against form-action too: those may go anywhere.
 */
const PROTOCOL_PAGE_POLICY = pageSecurityPolicy().replace("form-action 'self'", 'form-action *');

/** The auth provider (port 8080): issuers by path, served by oidc-provider, with a login page and a control API. */
export async function createAuthProviderApp(config: AuthProviderConfig): Promise<ServerApp> {
  const core = await AuthProvider.open(config, { pagePolicy: PROTOCOL_PAGE_POLICY, reservedIds: RESERVED_NAMES });
  const logger = createLogger('auth-provider', config.logLevel, config.logFormat);
  try {
    return await createServer({
      name: 'auth-provider',
      specFile: specPath('auth-provider'),
      logger,
      allowedOrigins: config.allowedOrigins,
      allowedHosts: config.allowedHosts,
      // A relying party's page posts the browser to authorization and logout from its own origin (isRelyingPartyFormPost says why that is safe).
      originPolicy: (req) => (isRelyingPartyFormPost(req) ? 'open' : 'guard'),
      handlers: { ...controlHandlers(core), ...interactionHandlers(core) },
      mapError: authProviderProblem,
      protocolAnswer: oauthProtocolAnswer,
      // oidc-provider serves the protocol endpoints and its own pages (device, logout) ahead of the router.
      servedAhead: [
        'getControlPage', 'getLoginPage', 'getDiscovery', 'getDiscoveryByPathInsertion', 'getAuthorizationServerMetadata', 'getJwks',
        'authorize', 'postAuthorize', 'token', 'getUserinfo', 'postUserinfo', 'introspect', 'revoke', 'deviceAuthorization', 'getDevicePage',
        'submitDeviceCode', 'endSession', 'postEndSession',
      ],
      mountBefore: (app) => {
        mountIssuerCreationGuard(app, core, config.allowedOrigins);
        mountStaticPage(app, { directory: publicDir('auth-provider'), pagePaths: ['/'], assetPrefix: '/auth-provider' });
        mountLoginPage(app, core, config.allowedOrigins);
        mountProtocolRoutes(app, core, oauthProtocolAnswer);
      },
      health: () => ({ storage: config.storage, strict: config.strict }),
      onClose: () => core.close(),
    });
  } catch (error) {
    core.close();
    throw error;
  }
}
