import type { Response } from 'express';
import type { operations } from '../../../generated/image-api';
import type { Handler } from '../../kit';
import type { ImageService } from '../../image-api/image-service';
import type { RateLimitState } from '../../image-api/rolling-rate-limiter';
import { toHttpProblem } from './problems';

type UploadAccepted = operations['uploadImage']['responses'][202]['content']['application/json'];

/** POST /api/v1/images/upload: the body is streamed by the domain, never parsed by the kit. */
export function uploadHandlers(service: ImageService): Record<string, Handler> {
  return {
    uploadImage: async (_c, req, res) => {
      let userId: string | undefined;
      try {
        const principal = service.authenticate(req.headers.authorization);
        userId = principal.userId;
        const job = await service.acceptUpload(principal, req, req.headers);
        setRateLimitHeaders(res, service.rateLimitState(userId));
        const body: UploadAccepted = {
          job_id: job.jobId,
          image_id: job.imageId,
          status_url: service.statusUrl(job.jobId),
          message: 'Image accepted for processing',
        };
        res.status(202).json(body);
      } catch (error) {
        // A refused upload's body is drained, not read, so the answer can go out on this connection.
        req.resume();
        setRateLimitHeaders(res, service.rateLimitState(userId));
        throw toHttpProblem(error);
      }
    },
  };
}

/** On every answer of the upload operation, as GitHub and most rate-limited APIs do. */
function setRateLimitHeaders(res: Response, state: RateLimitState): void {
  res.setHeader('X-RateLimit-Limit', String(state.limit));
  res.setHeader('X-RateLimit-Remaining', String(state.remaining));
  res.setHeader('X-RateLimit-Reset', String(Math.ceil(state.resetAt / 1000)));
}
