/**
 * The answers the kit gives on its own (a request Node's parser refused, an HTTP/1.1 request
 * without Host, a CONNECT, the request guard's refusals) as S3 words them: an `<Error>` document
 * with S3's request ids. The JSON extras keep the kit's problem+json, as every other answer of theirs.
 */
import type { HttpProblem, ProtocolAnswer, RequestHead } from '../../kit';
import { S3Error, type S3ErrorCode } from '../../s3/errors';
import { newRequestIds } from '../../s3/request-id';
import { renderErrorXml } from '../../s3/xml';
import { isMockExtra } from './s3-router';

/**
 * S3's codes for the kit's statuses (a header block over the limit, headers sent too slowly, a
 * Host or Origin the request guard refuses, CONNECT); the rest is a bad request.
 */
const S3_CODES: Record<number, S3ErrorCode> = { 431: 'RequestHeaderSectionTooLarge', 408: 'RequestTimeout', 403: 'AccessDenied', 501: 'NotImplemented' };

export function s3ProtocolAnswer(domains: readonly string[]): (problem: HttpProblem, req?: RequestHead) => ProtocolAnswer | undefined {
  return (problem, req) => {
    if (req && isMockExtra(req, domains)) return undefined;
    const code = S3_CODES[problem.status] ?? 'BadRequest';
    // The kit's detail says what was wrong (Node's own reason), which S3's stock messages would not.
    const error = new S3Error(code, problem.detail);
    const ids = newRequestIds();
    return {
      status: error.status,
      headers: { 'content-type': 'application/xml', 'x-amz-request-id': ids.requestId, 'x-amz-id-2': ids.hostId },
      body: renderErrorXml(error, ids),
    };
  };
}
