import type { Request, Response } from 'express';
import type { Context } from 'openapi-backend';
import type { components, operations } from '../../../generated/webhook-receiver';
import type { OperationHandlers } from '../../kit';
import type { ForwardState } from '../../webhooks/forwarding/forward-queue';
import type { WebhookReceiver } from '../../webhooks/webhook-receiver';
import { presentForward } from './presenters';
import { integerParam, queryParam } from './request-parameters';

const DEFAULT_LIMIT = 50;

type DefaultForwardBody = operations['putDefaultForward']['requestBody']['content']['application/json'];

/** The forwarding queue, so failures and retries are visible, and the default forward target. */
export function forwardHandlers(receiver: WebhookReceiver): OperationHandlers<operations> {
  return {
    listForwards: (c: Context, _req: Request, res: Response) => {
      const state = queryParam(c, 'state') as ForwardState | undefined;
      const list: components['schemas']['ForwardList'] = {
        counts: receiver.forwards.counts(),
        forwards: receiver.forwards.list(state, integerParam(c, 'limit', DEFAULT_LIMIT)).map(presentForward),
      };
      res.json(list);
    },

    getDefaultForward: (_c: Context, _req: Request, res: Response) => {
      res.json({ forward_to: receiver.defaultForwardTarget });
    },

    putDefaultForward: (c: Context, _req: Request, res: Response) => {
      const { forward_to: forwardTo } = c.request.requestBody as DefaultForwardBody;
      res.json({ forward_to: receiver.setDefaultForward(forwardTo) });
    },
  };
}
