import type { operations } from '../../../generated/image-api';
import type { OperationHandlers } from '../../kit';
import type { ImageService } from '../../image-api/image-service';
import { principalOf } from './bearer-auth';
import { setRateLimitHeaders } from './rate-limit-headers';

type UploadAccepted = operations['uploadImage']['responses'][202]['content']['application/json'];

/** POST /api/v1/images/upload: the body is streamed by the domain, never parsed by the kit. */
export function uploadHandlers(service: ImageService): OperationHandlers<operations> {
  return {
    uploadImage: async (c, req, res) => {
      const principal = principalOf(c);
      const userId = principal.userId;
      try {
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
        if (!res.headersSent) setRateLimitHeaders(res, service.rateLimitState(userId));
        throw error;
      }
    },
  };
}
