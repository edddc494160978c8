import type { Request, Response } from 'express';
import type { Context } from 'openapi-backend';
import type { components, operations } from '../../../generated/webhook-receiver';
import type { OperationHandlers } from '../../kit';
import type { SchemeName } from '../../webhooks/signature-schemes';
import { passedOnVia } from '../../webhooks/outbound-request';
import type { WebhookReceiver } from '../../webhooks/webhook-receiver';
import { presentReplay } from './presenters';
import { invalidField, pathParam, queryParam, sendableHeaders } from './request-parameters';

type ReplayResult = components['schemas']['ReplayResult'];
type ResendRequest = components['schemas']['ResendRequest'];

/** The edited body's bytes: base64 is checked, since Buffer.from would skip what it cannot read. */
function bodyBytes(request: ResendRequest): Buffer | undefined {
  if (request.body === undefined) return undefined;
  if (request.body_encoding !== 'base64') return Buffer.from(request.body, 'utf8');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(request.body) || request.body.length % 4 !== 0) throw invalidField('body', 'is not base64 (body_encoding is base64)');
  return Buffer.from(request.body, 'base64');
}

/** Replay (the seed's POST /webhooks/replay/{event_id}?target_url=) and edit-and-resend. */
export function replayHandlers(receiver: WebhookReceiver): OperationHandlers<operations> {
  return {
    replayEvent: async (c: Context, req: Request, res: Response) => {
      const eventId = pathParam(c, 'event_id');
      const targetUrl = queryParam(c, 'target_url') as string;
      const replay = await receiver.replay(eventId, targetUrl, { includeSignature: queryParam(c, 'include_signature') !== 'false', via: passedOnVia(req.rawHeaders) });
      const result: ReplayResult = {
        status: 'replayed',
        event_id: eventId,
        target_url: targetUrl,
        response_status: replay.responseStatus as number,
        response_body: replay.responseExcerpt ?? '',
        replay_id: replay.replayId,
        scheme: replay.scheme as SchemeName | null,
        latency_ms: replay.latencyMs,
        replayed_at: new Date(replay.replayedAt).toISOString(),
      };
      res.json(result);
    },

    resendEvent: async (c: Context, req: Request, res: Response) => {
      const request = c.request.requestBody as ResendRequest;
      const attempt = await receiver.resend({
        eventId: pathParam(c, 'event_id'),
        targetUrl: request.target_url,
        body: bodyBytes(request),
        headers: sendableHeaders(request.headers as Array<[string, string]> | undefined),
        signing: request.signing,
        scheme: request.scheme,
        via: passedOnVia(req.rawHeaders),
      });
      res.json(presentReplay(attempt));
    },
  };
}
