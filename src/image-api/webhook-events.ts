import { randomUUID } from 'node:crypto';
import type { components } from '../../generated/image-api';
import type { JobRecord } from './job';
import type { ImageResult } from './job-result';
import type { NewDelivery } from './webhook-outbox';

type ImageProcessedEvent = components['schemas']['ImageProcessedEvent'];
type ImageFailedEvent = components['schemas']['ImageFailedEvent'];

/** The envelope every event shares; `event_id` is also the Standard Webhooks `webhook-id`. */
function envelope(job: JobRecord, eventType: ImageProcessedEvent['event_type'], now: Date) {
  return {
    event_type: eventType,
    event_id: `msg_${randomUUID().replace(/-/g, '')}`,
    created_at: now.toISOString(),
    client_id: job.clientId,
    job_id: job.jobId,
    image_id: job.imageId,
    metadata: job.metadata,
  };
}

function delivery(job: JobRecord, event: ImageProcessedEvent | ImageFailedEvent): NewDelivery {
  return { deliveryId: event.event_id, jobId: job.jobId, clientId: job.clientId, eventType: event.event_type, body: JSON.stringify(event) };
}

/** `image.processed`: the result, as the result endpoint shows it, in the event envelope. */
export function imageProcessed(job: JobRecord, result: ImageResult, now = new Date()): NewDelivery {
  return delivery(job, { ...result, ...envelope(job, 'image.processed', now) });
}

/** `image.failed`: why the job failed and after how many attempts. */
export function imageFailed(job: JobRecord, error: string, attempts: number, now = new Date()): NewDelivery {
  return delivery(job, { ...envelope(job, 'image.failed', now), status: 'failed', error, attempts });
}
