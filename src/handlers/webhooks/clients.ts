import type { Request, Response } from 'express';
import type { Context } from 'openapi-backend';
import type { operations } from '../../../generated/webhook-receiver';
import type { OperationHandlers } from '../../kit';
import type { ClientSettingsInput } from '../../webhooks/client-settings';
import type { WebhookReceiver } from '../../webhooks/webhook-receiver';
import { presentClient } from './presenters';
import { pathParam } from './request-parameters';

type SettingsBody = operations['putClientSettings']['requestBody']['content']['application/json'];

function toInput(body: SettingsBody): ClientSettingsInput {
  return {
    scheme: body.scheme,
    secret: body.secret,
    requireSignature: body.require_signature,
    response: body.response && {
      status: body.response.status,
      delayMs: body.response.delay_ms,
      failureRate: body.response.failure_rate,
    },
  };
}

/** Per-client settings: scheme, secret, require_signature and response behaviour. */
export function clientHandlers(receiver: WebhookReceiver): OperationHandlers<operations> {
  return {
    listClients: (_c: Context, _req: Request, res: Response) => {
      res.json({ clients: receiver.clients.list().map(presentClient) });
    },

    getClientSettings: (c: Context, _req: Request, res: Response) => {
      res.json(presentClient(receiver.clients.get(pathParam(c, 'client_id'))));
    },

    putClientSettings: (c: Context, _req: Request, res: Response) => {
      const settings = receiver.configureClient(pathParam(c, 'client_id'), toInput(c.request.requestBody as SettingsBody));
      res.json(presentClient(settings));
    },

    deleteClientSettings: (c: Context, _req: Request, res: Response) => {
      receiver.clients.remove(pathParam(c, 'client_id'));
      res.status(204).end();
    },
  };
}
