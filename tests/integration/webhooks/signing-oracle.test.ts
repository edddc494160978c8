import { createHmac } from 'node:crypto';
import type { RunningServer } from '../../../src/kit';
import { standardWebhooksHeaders, stripeSignatureHeader } from '../../unit/webhooks/reference-signers';
import { eventually } from '../../support/eventually';
import { startServer } from '../../support/standin-harness';
import { DEFAULT_SECRET, postWebhook, putJson, seedSignature } from './receiver-requests';

const WHSEC = `whsec_${Buffer.from('the oracle test key').toString('base64')}`;
const BODY = '{"event_type":"image.processed","image_id":"uuid-123","amount":1}';

let receiver: RunningServer;
beforeAll(async () => {
  receiver = await startServer('webhooks');
  await putJson(`${receiver.url}/webhooks/clients/standard`, { secret: WHSEC });
  await putJson(`${receiver.url}/webhooks/clients/payments`, { scheme: 'stripe', secret: WHSEC });
  await putJson(`${receiver.url}/webhooks/clients/github-only`, { scheme: 'github' });
});
afterAll(() => receiver.close());

/**
 * Every way a valid HMAC-SHA256 signature of `body` could be written, for every scheme's signed
 * string (the body; id.timestamp.body with the delivery's id and any timestamp near now; t.body)
 * and every reading of the secret: what must never leave the receiver.
 */
function validSignatures(body: string, secret: string, messageId: string | undefined): string[] {
  const keys = [Buffer.from(secret, 'utf8')];
  if (secret.startsWith('whsec_')) keys.push(Buffer.from(secret.slice('whsec_'.length), 'base64'));
  const nowS = Math.floor(Date.now() / 1000);
  const seconds = Array.from({ length: 601 }, (_, index) => nowS - 300 + index);
  const prefixes = ['', ...seconds.map((second) => `${second}.`), ...(messageId ? seconds.map((second) => `${messageId}.${second}.`) : [])];
  return keys.flatMap((key) => prefixes.flatMap((prefix) => {
    const digest = createHmac('sha256', key).update(prefix).update(body).digest();
    return [digest.toString('hex'), digest.toString('base64'), digest.toString('base64url')];
  }));
}

/** Everything the receiver's API says about a client's events: list, one event, export, stats. */
async function everythingAbout(clientId: string, eventId: string): Promise<string> {
  const urls = [`/webhooks/events/${eventId}`, `/webhooks/events?client_id=${clientId}`, `/webhooks/events/export?client_id=${clientId}`, '/webhooks/stats'];
  const answers = await Promise.all(urls.map(async (url) => (await fetch(`${receiver.url}${url}`)).text()));
  return answers.join('\n');
}

/** Collects the live stream's text while `during` runs, until the stream has told of the event `during` resolves to. */
async function streamed(during: () => Promise<string>): Promise<string> {
  const controller = new AbortController();
  const response = await fetch(`${receiver.url}/webhooks/stream`, { signal: controller.signal });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let text = '';
  const reading = (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      text += Buffer.from(value as Uint8Array).toString('utf8');
    }
  })();
  const eventId = await during();
  await eventually(() => text.includes(eventId), { what: () => `${eventId} in the live stream, which said ${JSON.stringify(text)}` });
  controller.abort();
  await reading;
  return text;
}

/** Each delivery goes to a client of its own, so what the API lists for the client is its alone. */
interface BadDelivery {
  name: string;
  clientId: string;
  body: string;
  headers: Record<string, string>;
  secret: string;
}

const badDeliveries = (): BadDelivery[] => [
  { name: 'a tampered body', clientId: 'seed-tampered', body: BODY, headers: { 'X-Webhook-Signature': seedSignature('{"other":true}') }, secret: DEFAULT_SECRET },
  { name: 'a body re-serialised after signing', clientId: 'seed-reserialised', body: JSON.stringify(JSON.parse(BODY), null, 2), headers: { 'X-Webhook-Signature': seedSignature(BODY) }, secret: DEFAULT_SECRET },
  { name: 'a signature made with no secret at all', clientId: 'seed-zero', body: BODY, headers: { 'X-Webhook-Signature': '0'.repeat(64) }, secret: DEFAULT_SECRET },
  {
    name: 'a Standard Webhooks delivery signed for another body',
    clientId: 'standard',
    body: BODY,
    headers: standardWebhooksHeaders(WHSEC, '{"other":true}', { id: 'msg_oracle' }),
    secret: WHSEC,
  },
  { name: 'a Stripe delivery signed with another secret', clientId: 'payments', body: BODY, headers: { 'Stripe-Signature': stripeSignatureHeader('whsec_other', BODY) }, secret: WHSEC },
  { name: "a pinned client's delivery signed with another scheme", clientId: 'github-only', body: BODY, headers: { 'X-Webhook-Signature': seedSignature('{"x":1}') }, secret: DEFAULT_SECRET },
];

describe('a badly signed delivery', () => {
  it.each(badDeliveries().map((bad) => [bad.name, bad] as const))('%s reveals no valid signature for its body in any answer, stored event, export, stats or the live stream', async (_name, bad) => {
    let answer = '';
    let eventId = '';
    const live = await streamed(async () => {
      const { status, json } = await postWebhook(receiver.url, bad.clientId, bad.body, bad.headers);
      expect(status).toBe(401);
      answer = JSON.stringify(json);
      eventId = json.event_id;
      return eventId;
    });
    const said = [answer, live, await everythingAbout(bad.clientId, eventId)].join('\n');
    expect(said).toContain(eventId);
    const sent = Object.values(bad.headers).join('\n');
    const leaked = validSignatures(bad.body, bad.secret, bad.headers['webhook-id']).filter((signature) => !sent.includes(signature) && said.includes(signature));
    expect(leaked).toEqual([]);
  });
});
