import type { Request, Response } from 'express';
import type { components } from '../../../generated/s3-mock';
import { serveEventStream } from '../../kit';
import type { ObjectChange } from '../../s3/events';
import { quoteEtag } from '../../s3/object-headers';
import { authorizeExtra } from './extras-auth';
import type { S3Services } from './s3-call';

export const ADMIN_EVENTS_PATH = '/admin/events';

function presentChange(change: ObjectChange): components['schemas']['AdminChange'] {
  return {
    event_name: change.eventName,
    bucket: change.bucket,
    key: change.key,
    size: change.size,
    etag: change.etag === undefined ? undefined : quoteEtag(change.etag),
    version_id: change.versionId,
    sequencer: change.sequencer,
    time: change.time.toISOString(),
  };
}

/**
 * GET /admin/events (operationId streamAdminEvents): every committed object change from the
 * store's change feed (src/s3/events), as server-sent events, optionally of one bucket; the
 * console's live updates. Served ahead of the router, so S3_AUTH=strict is checked here.
 */
export function adminEventStream(services: S3Services) {
  return (req: Request, res: Response) => {
    authorizeExtra(services, req);
    const bucket = typeof req.query.bucket === 'string' && req.query.bucket !== '' ? req.query.bucket : undefined;
    serveEventStream(req, res, (stream) => services.store.changes.subscribe((change) => {
      if (bucket === undefined || change.bucket === bucket) stream.send('change', presentChange(change), change.sequencer);
    }));
  };
}
