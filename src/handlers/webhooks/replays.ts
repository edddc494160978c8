import type { Request, Response } from 'express';
import type { Context } from 'openapi-backend';
import type { components, operations } from '../../../generated/webhook-receiver';
import type { OperationHandlers } from '../../kit';
import type { SchemeName } from '../../webhooks/signature-schemes';
import type { WebhookReceiver } from '../../webhooks/webhook-receiver';
import { pathParam, queryParam } from './request-parameters';

type ReplayResult = components['schemas']['ReplayResult'];

/** POST /webhooks/replay/{event_id}?target_url=: the seed's answer, plus the recorded attempt. */
export function replayHandlers(receiver: WebhookReceiver): OperationHandlers<operations> {
  return {
    replayEvent: async (c: Context, _req: Request, res: Response) => {
      const eventId = pathParam(c, 'event_id');
      const targetUrl = queryParam(c, 'target_url') as string;
      const replay = await receiver.replay(eventId, targetUrl, { includeSignature: queryParam(c, 'include_signature') !== 'false' });
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
  };
}
