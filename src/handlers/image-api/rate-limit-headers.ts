import type { Response } from 'express';
import type { RateLimitState } from '../../image-api/rolling-rate-limiter';

/** On every answer of the upload operation, as GitHub and most rate-limited APIs do. */
export function setRateLimitHeaders(res: Response, state: RateLimitState): void {
  res.setHeader('X-RateLimit-Limit', String(state.limit));
  res.setHeader('X-RateLimit-Remaining', String(state.remaining));
  res.setHeader('X-RateLimit-Reset', String(Math.ceil(state.resetAt / 1000)));
}
