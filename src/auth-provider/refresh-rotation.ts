import { errors, type KoaContextWithOIDC } from 'oidc-provider';

/**
 * oidc-provider's rotateRefreshToken, always true, but first refusing what oidc-provider would
 * refuse only after rotating: it uses the refresh token up, then resolves the resource the access
 * token is for, so a request refused there (invalid_target: a resource the grant does not hold,
 * or more than one) issued no new token yet spent the old one, and the client's retry was taken
 * for a replay that revokes the whole grant. RFC 6749 §6 lets the old token go only once a new
 * one is issued. The checks are oidc-provider's resolveResource, with the granted resource used
 * (useGrantedResource) when the request names none.
 */
export async function rotateOnceIssuable(ctx: KoaContextWithOIDC): Promise<boolean> {
  const refreshToken = ctx.oidc.entities.RefreshToken;
  if (!refreshToken) return true;
  const asked = ctx.oidc.params?.resource as string | string[] | undefined;
  const granted = Array.isArray(refreshToken.resource) && refreshToken.resource.length === 0 ? undefined : refreshToken.resource;
  const resource = asked || granted;
  if (Array.isArray(resource)) {
    throw new errors.InvalidTarget('only a single resource indicator value must be requested/resolved during Access Token Request');
  }
  if (resource && !refreshToken.resourceIndicators.has(resource)) throw new errors.InvalidTarget();
  return true;
}
