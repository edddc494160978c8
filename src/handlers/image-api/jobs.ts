import type { components, operations } from '../../../generated/image-api';
import type { OperationHandlers } from '../../kit';
import type { JobRecord } from '../../image-api/job';
import type { ImageService } from '../../image-api/image-service';
import { principalOf } from './bearer-auth';

type JobView = components['schemas']['Job'];

/** GET /api/v1/images/jobs/{job_id} and its /result: the caller's own jobs only. */
export function jobHandlers(service: ImageService): OperationHandlers<operations> {
  return {
    getJob: (c, _req, res) => {
      res.json(toJobView(service.getJob(principalOf(c), String(c.request.params.job_id)), service));
    },
    getJobResult: async (c, _req, res) => {
      res.json(await service.getResult(principalOf(c), String(c.request.params.job_id)));
    },
  };
}

function toJobView(job: JobRecord, service: ImageService): JobView {
  return {
    job_id: job.jobId,
    image_id: job.imageId,
    status: job.status,
    attempts: job.attempts,
    error: job.error,
    result_url: job.status === 'completed' ? `${service.statusUrl(job.jobId)}/result` : null,
    created_at: job.createdAt,
    updated_at: job.updatedAt,
  };
}
