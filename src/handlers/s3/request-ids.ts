import type { RequestHandler, Response } from 'express';
import { newRequestIds, type S3RequestIds } from '../../s3/request-id';

/** Gives every response of the server, S3 XML or JSON extra, S3's request id headers. */
export function s3RequestIds(): RequestHandler {
  return (_req, res, next) => {
    const ids = newRequestIds();
    res.locals.s3RequestIds = ids;
    res.setHeader('x-amz-request-id', ids.requestId);
    res.setHeader('x-amz-id-2', ids.hostId);
    next();
  };
}

export function requestIdsOf(res: Response): S3RequestIds {
  return res.locals.s3RequestIds as S3RequestIds;
}
