import type { Response } from 'express';
import type { UpstreamReply } from '../../client-app/image-api-client';

/** Copies Retry-After and X-RateLimit-* as the image API sent them (docs/ARCHITECTURE.md, "Client app"). */
export function copyRateLimitHeaders(res: Response, reply: UpstreamReply): void {
  for (const [name, value] of Object.entries(reply.headers)) {
    if (name !== 'content-type') res.setHeader(name, value);
  }
}

/**
 * Answers with the image API's answer unchanged: status, rate-limit headers and JSON body. JSON
 * goes through res.json, so in tests it is checked against this app's spec; problem+json is
 * sent as it came.
 */
export function sendUpstreamReply(res: Response, reply: UpstreamReply): void {
  copyRateLimitHeaders(res, reply);
  res.status(reply.status);
  const contentType = reply.headers['content-type'];
  if (/^application\/json\b/i.test(contentType)) {
    res.json(reply.body);
  } else {
    res.type(contentType).send(JSON.stringify(reply.body));
  }
}
