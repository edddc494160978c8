/** What tests send the webhook receiver and what it answers, checked against its spec. */
import { createHmac } from 'node:crypto';
import addFormats from 'ajv-formats';
import { OpenAPIBackend } from 'openapi-backend';
import type { components } from '../../../generated/webhook-receiver';
import { specPath } from '../../../src/kit';

export const DEFAULT_SECRET = 'webhook-secret-123';

export type Schemas = components['schemas'];
/**
 * What POST /webhooks/{client_id} answers: a receipt, or a problem whose extras say why. Both
 * name the stored event, except a 413 (nothing was stored).
 */
export type DeliveryAnswer = Partial<Schemas['DeliveryReceipt']> & Partial<Schemas['Problem']> & { event_id: string };
/** What PUT /webhooks/clients/{client_id} answers: the settings, or a validation problem. */
export type SettingsAnswer = Partial<Schemas['ClientSettings']> & Partial<Schemas['Problem']>;

/** The seed's X-Webhook-Signature: hex HMAC-SHA256 of the raw body. */
export function seedSignature(body: string | Buffer, secret = DEFAULT_SECRET): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

let spec: Promise<OpenAPIBackend> | undefined;

/**
 * The kit checks in tests only what a handler sends with res.json: the delivery route runs ahead
 * of openapi-backend, and the event list and one event are written in pieces. postWebhook and
 * the events' tests check those answers here.
 */
export async function expectAnswerMatchesSpec(operationId: string, status: number, body: unknown): Promise<void> {
  spec ??= (async () => {
    // quick: only the validators used are compiled, when first used. Compiling them all
    // blocks the test's event loop for seconds on a busy machine, long enough for the server to
    // drop the idle keep-alive connection the next request then reuses (ECONNRESET).
    const api = new OpenAPIBackend({ definition: specPath('webhook-receiver'), quick: true, customizeAjv: (ajv) => { addFormats(ajv); return ajv; } });
    await api.init();
    return api;
  })();
  expect((await spec).validateResponse(body, operationId, status).errors ?? []).toEqual([]);
}

export async function postWebhook(base: string, clientId: string, body: string | Buffer, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/webhooks/${clientId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  const json = (await response.json()) as DeliveryAnswer;
  const contentType = response.headers.get('content-type');
  // receipts are application/json; problem+json answers are the kit's, checked by its own tests
  if (contentType?.startsWith('application/json')) await expectAnswerMatchesSpec('receiveWebhook', response.status, json);
  return { status: response.status, contentType, headers: response.headers, json };
}

/** GETs JSON the caller names the type of, e.g. getJson<Schemas['EventList']>(...). */
export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} -> ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

export async function putJson(url: string, body: unknown): Promise<{ status: number; json: SettingsAnswer }> {
  const response = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as SettingsAnswer };
}
