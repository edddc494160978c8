import type { Request, Response } from 'express';
import type { Context } from 'openapi-backend';
import type { operations } from '../../../generated/webhook-receiver';
import type { OperationHandlers } from '../../kit';
import type { PayloadSchemaInput } from '../../webhooks/payload-checker';
import type { ClientConfiguration, WebhookReceiver } from '../../webhooks/webhook-receiver';
import { presentClient } from './presenters';
import { invalidField, pathParam } from './request-parameters';

type SettingsBody = operations['putClientSettings']['requestBody']['content']['application/json'];

/** A JSON Schema, an OpenAPI document with a callback name, or a schema as the settings show it: exactly one of the three. */
function payloadSchemaOf(input: SettingsBody['payload_schema']): PayloadSchemaInput | null {
  if (!input) return null;
  const { json_schema: jsonSchema, openapi, callback, source, schema } = input;
  const given = Object.keys(input).sort().join(', ');
  if (given === 'json_schema' && jsonSchema) return { jsonSchema };
  if (given === 'callback, openapi' && openapi && typeof callback === 'string') return { openapi, callback };
  if (given === 'callback, schema, source' && schema && source && (source === 'json-schema' ? callback === null : typeof callback === 'string')) {
    return { asShown: { source, callback: callback ?? null, schema } };
  }
  throw invalidField('payload_schema', 'must be {json_schema}, {openapi, callback}, or {source, callback, schema} as the settings show it (callback null for source json-schema)');
}

/**
 * The settings as the body gives them. Of the read-only fields a GET adds, only what it says of
 * the secret is read (to be checked against the secret a PUT without one keeps); client_id,
 * configured, updated_at and unusable describe what was read, not what to write (the path names
 * the client, and a PUT replaces settings that were unusable).
 */
function toInput(body: SettingsBody): ClientConfiguration {
  return {
    scheme: body.scheme,
    secret: body.secret,
    secretAsShown: { set: body.secret_set, sha256Prefix: body.secret_sha256_prefix },
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
      res.json({ clients: receiver.clients.list().map(({ settings, unusable }) => presentClient(settings, unusable)) });
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
