import type { Request, Response } from 'express';
import type { Context } from 'openapi-backend';
import type { Handler } from '../../kit';
import type { WebhookReceiver } from '../../webhooks/webhook-receiver';
import { presentStats } from './presenters';

export function statsHandlers(receiver: WebhookReceiver): Record<string, Handler> {
  return {
    getStats: (_c: Context, _req: Request, res: Response) => {
      res.json(presentStats(receiver.stats()));
    },
  };
}
