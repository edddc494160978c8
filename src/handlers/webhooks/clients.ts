import type { Request, Response } from 'express';
import type { Context } from 'openapi-backend';
import type { operations } from '../../../generated/webhook-receiver';
import type { OperationHandlers } from '../../kit';
import type { PayloadSchemaInput } from '../../webhooks/payload-checker';
import type { ClientConfiguration, WebhookReceiver } from '../../webhooks/webhook-receiver';
import { presentClient } from './presenters';
import { invalidField, pathParam } from './request-parameters';

type SettingsBody = operations['putClientSettings']['requestBody']['content']['application/json'];

/** A JSON Schema, or an OpenAPI document with a callback name: exactly one of the two. */
function payloadSchemaOf(input: SettingsBody['payload_schema']): PayloadSchemaInput | null {
  if (!input) return null;
  const { json_schema: jsonSchema, openapi, callback } = input;
  if (jsonSchema !== undefined && openapi === undefined && callback === undefined) return { jsonSchema };
  if (jsonSchema === undefined && openapi !== undefined && callback !== undefined) return { openapi, callback };
  throw invalidField('payload_schema', 'must be either {json_schema} or {openapi, callback}');
}

function toInput(body: SettingsBody): ClientConfiguration {
  return {
    scheme: body.scheme,
    secret: body.secret,
    requireSignature: body.require_signature,
    response: body.response && {
      status: body.response.status,
      delayMs: body.response.delay_ms,
      failureRate: body.response.failure_rate,
    },
    forwardUrl: body.forward_url,
    payloadSchema: payloadSchemaOf(body.payload_schema),
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

    putClientSettings: async (c: Context, _req: Request, res: Response) => {
      const settings = await receiver.configureClient(pathParam(c, 'client_id'), toInput(c.request.requestBody as SettingsBody));
      res.json(presentClient(settings));
    },

    deleteClientSettings: (c: Context, _req: Request, res: Response) => {
      receiver.clients.remove(pathParam(c, 'client_id'));
      res.status(204).end();
    },
  };
}
