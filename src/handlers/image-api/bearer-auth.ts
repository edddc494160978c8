import type { Handler } from '../../kit';
import type { Principal } from '../../image-api/access-token';
import type { ImageService } from '../../image-api/image-service';
import { setRateLimitHeaders } from './rate-limit-headers';

/**
 * The `bearerAuth` security scheme: the kit runs this before any operation that declares it,
 * and maps a refusal's InvalidTokenError to the 401 problem imageApiProblem gives (with its
 * WWW-Authenticate).
 */
export function bearerAuth(service: ImageService): Handler {
  return async (c, req, res) => {
    try {
      return await service.authenticate(req.headers.authorization);
    } catch (error) {
      // Every answer of the upload carries the rate-limit headers; an unknown caller has the full quota.
      if (c.operation.operationId === 'uploadImage') setRateLimitHeaders(res, service.rateLimitState(undefined));
      throw error;
    }
  };
}

/** The caller a security handler authorised, as the operation handlers see it. */
export function principalOf(c: { security?: Record<string, unknown> }): Principal {
  return c.security?.bearerAuth as Principal;
}
