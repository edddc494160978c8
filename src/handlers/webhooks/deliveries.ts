import { setTimeout as sleep } from 'node:timers/promises';
import type { Request, Response } from 'express';
import type { Context } from 'openapi-backend';
import type { components } from '../../../generated/webhook-receiver';
import type { Handler } from '../../kit';
import { readBody } from '../../webhooks/body-reader';
import type { WebhookReceiver } from '../../webhooks/webhook-receiver';
import { mappingErrors } from './problems';
import { pathParam } from './request-parameters';

type DeliveryReceipt = components['schemas']['DeliveryReceipt'];

/** req.rawHeaders is flat: name, value, name, value... */
function headerPairs(rawHeaders: string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) pairs.push([rawHeaders[index], rawHeaders[index + 1]]);
  return pairs;
}

/** POST /webhooks/{client_id}: read the raw bytes (never re-serialised), record, then answer. */
export function deliveryHandlers(receiver: WebhookReceiver, maxBodyBytes: number): Record<string, Handler> {
  return {
    receiveWebhook: mappingErrors(async (c: Context, req: Request, res: Response) => {
      const declared = req.headers['content-length'];
      const body = await readBody(req, maxBodyBytes, declared === undefined ? undefined : Number(declared));
      const receipt = receiver.receive({
        clientId: pathParam(c, 'client_id'),
        method: req.method,
        path: req.originalUrl,
        headers: req.headers,
        rawHeaders: headerPairs(req.rawHeaders),
        body,
      });
      if (receipt.delayMs > 0) await sleep(receipt.delayMs);
      const { event } = receipt;
      const { scheme, status, reason } = event.signature;
      const failed = event.outcome === 'failed';
      const answer: DeliveryReceipt = {
        status: failed ? 'failed' : 'received',
        event_id: event.eventId,
        timestamp: new Date(event.receivedAt).toISOString(),
        signature_verified: status === 'valid',
        signature: { scheme, status, reason },
        duplicate: receipt.duplicate,
        ...(failed ? { detail: `answered ${receipt.status} by this client's response settings` } : {}),
      };
      res.status(receipt.status).json(answer);
    }),
  };
}
