import type { Request, Response } from 'express';
import type { Context } from 'openapi-backend';
import type { OperationHandlers } from '../../kit';
import type { operations } from '../../../generated/webhook-receiver';
import type { WebhookReceiver } from '../../webhooks/webhook-receiver';
import { presentStats } from './presenters';

export function statsHandlers(receiver: WebhookReceiver): OperationHandlers<operations> {
  return {
    getStats: (_c: Context, _req: Request, res: Response) => {
      res.json(presentStats(receiver.stats()));
    },
  };
}
