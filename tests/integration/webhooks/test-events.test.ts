import { readFileSync } from 'node:fs';
import path from 'node:path';
import Stripe from 'stripe';
import YAML from 'yaml';
import type { RunningServer } from '../../../src/kit';
import { verifyWithStandardWebhooks } from '../../unit/webhooks/reference-signers';
import { startServer } from '../../support/standin-harness';
import { getJson, putJson, type Schemas } from './receiver-requests';
import { startRawTarget } from './raw-target';

const STRIPE_SECRET = 'whsec_trigger_stripe';
const WHSEC = `whsec_${Buffer.from('trigger test key').toString('base64')}`;

let receiver: RunningServer;
beforeAll(async () => {
  receiver = await startServer('webhooks');
});
afterAll(() => receiver.close());

async function trigger(request: Record<string, unknown>) {
  const response = await fetch(`${receiver.url}/webhooks/trigger`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
  return { status: response.status, text: await response.text() };
}

describe('test-event templates', () => {
  it("takes the image API's events from the callbacks its contract declares", async () => {
    const { templates } = await getJson<Schemas['TemplateList']>(`${receiver.url}/webhooks/trigger/templates`);
    const spec = YAML.parse(readFileSync(path.join(__dirname, '../../../openapi/image-api.yaml'), 'utf8'));
    const callbacks = spec.paths['/api/v1/images/upload'].post.callbacks;
    const example = (name: string) => callbacks[name]['{$request.header.webhook-url}'].post.requestBody.content['application/json'].example;
    const named = (name: string) => templates.find((template) => template.name === name);
    expect(JSON.parse(named('image.processed')?.body ?? '')).toEqual(example('imageProcessed'));
    expect(JSON.parse(named('image.failed')?.body ?? '')).toEqual(example('imageFailed'));
    expect(templates.map((template) => template.name)).toEqual(expect.arrayContaining([
      'github.push', 'github.pull_request', 'stripe.payment_intent.succeeded', 'stripe.charge.failed', 'standard-webhooks.generic',
    ]));
    expect(named('github.push')?.headers).toContainEqual(['X-GitHub-Event', 'push']);
  });
});

describe('POST /webhooks/trigger', () => {
  it("sends an edited Stripe event that Stripe's library verifies, and answers what the target said without the signature", async () => {
    const target = await startRawTarget((request) => {
      try {
        const event = new Stripe('sk_test_standin').webhooks.constructEvent(request.body.toString('utf8'), String(request.headers['stripe-signature']), STRIPE_SECRET);
        return { status: 200, body: `verified ${event.type}` };
      } catch (error) {
        return { status: 400, body: (error as Error).message };
      }
    });
    try {
      const edited = '{"id":"evt_edited","object":"event","type":"charge.failed","data":{"object":{"amount":1}}}';
      const { status, text } = await trigger({ template: 'stripe.charge.failed', target_url: `${target.url}/stripe`, signing: 'signed', secret: STRIPE_SECRET, body: edited });
      expect(status).toBe(200);
      const result = JSON.parse(text) as Schemas['TriggerResult'];
      expect(result).toMatchObject({ template: 'stripe.charge.failed', scheme: 'stripe', signing: 'signed', response: { status: 200, body: 'verified charge.failed' } });
      expect(target.received[0].body.toString()).toBe(edited);
      expect(text).not.toContain(String(target.received[0].headers['stripe-signature']).split('v1=')[1]);
    } finally {
      await target.close();
    }
  });

  it("signs with a client's own secret and pinned scheme, which the receiver itself then verifies", async () => {
    await putJson(`${receiver.url}/webhooks/clients/image-app`, { scheme: 'standard-webhooks', secret: WHSEC });
    const { status, text } = await trigger({ template: 'image.processed', target_url: `${receiver.url}/webhooks/image-app`, signing: 'signed', client_id: 'image-app' });
    expect(status).toBe(200);
    const answer = JSON.parse(JSON.parse(text).response.body);
    expect(answer).toMatchObject({ signature_verified: true, signature: { scheme: 'standard-webhooks' } });
    const stored = await getJson<Schemas['EventDetail']>(`${receiver.url}/webhooks/events/${answer.event_id}`);
    expect(stored).toMatchObject({ event_type: 'image.processed', payload_valid: true });
  });

  it('sends a deliberately wrong signature the app refuses, and an unsigned event', async () => {
    const target = await startRawTarget((request) => {
      try {
        verifyWithStandardWebhooks(WHSEC, request.body.toString('utf8'), request.headers as Record<string, string>);
        return { status: 200 };
      } catch {
        return { status: 401, body: 'refused' };
      }
    });
    try {
      const wrong = JSON.parse((await trigger({ template: 'standard-webhooks.generic', target_url: target.url, signing: 'wrong' })).text);
      expect(wrong).toMatchObject({ signing: 'wrong', scheme: 'standard-webhooks', response: { status: 401 } });
      expect(target.received[0].headers['webhook-signature']).toMatch(/^v1,/);
      const unsigned = JSON.parse((await trigger({ template: 'github.push', target_url: target.url, signing: 'unsigned' })).text);
      expect(unsigned).toMatchObject({ signing: 'unsigned', scheme: null });
      expect(target.received[1].headers).not.toHaveProperty('x-hub-signature-256');
      expect(target.received[1].headers['x-github-event']).toBe('push');
    } finally {
      await target.close();
    }
  });

  it('never signs with WEBHOOK_SECRET: no secret and no client of its own is a 409', async () => {
    const { status, text } = await trigger({ template: 'github.push', target_url: `${receiver.url}/webhooks/x`, signing: 'signed' });
    expect(status).toBe(409);
    expect(JSON.parse(text).detail).toMatch(/never signed with WEBHOOK_SECRET/);
  });

  it('refuses a whsec_ secret holding no key for a scheme that decodes it with a 400 naming body.secret, sending nothing', async () => {
    const target = await startRawTarget();
    try {
      for (const [template, scheme] of [['standard-webhooks.generic', undefined], ['github.push', 'x-webhook-signature']] as const) {
        const { status, text } = await trigger({ template, scheme, target_url: target.url, signing: 'signed', secret: 'whsec_!!!' });
        expect(status).toBe(400);
        expect(JSON.parse(text)).toMatchObject({ errors: [{ field: 'body.secret', message: expect.stringMatching(/^a whsec_ secret is whsec_ and the padded base64 of its key/) }] });
      }
      expect(target.received).toHaveLength(0);
    } finally {
      await target.close();
    }
  });

  it('refuses a header HTTP cannot carry with a 400 naming its place, sending nothing', async () => {
    const target = await startRawTarget();
    try {
      for (const headers of [[['X Bad', 'v']], [['X-Ok', 'yes'], ['X-A', 'v\r\nInjected: 1']]]) {
        const { status, text } = await trigger({ template: 'github.push', target_url: target.url, signing: 'unsigned', headers });
        expect(status).toBe(400);
        expect(JSON.parse(text)).toMatchObject({ errors: [{ field: `body.headers.${headers.length - 1}` }] });
      }
      expect(target.received).toHaveLength(0);
    } finally {
      await target.close();
    }
  });

  it('refuses an unknown template (404) and a target that is not allowed (403)', async () => {
    expect((await trigger({ template: 'github.ping', target_url: `${receiver.url}/webhooks/x`, signing: 'unsigned' })).status).toBe(404);
    expect((await trigger({ template: 'github.push', target_url: 'http://example.com/hook', signing: 'unsigned' })).status).toBe(403);
  });

  it('is not taken for a delivery to a client named "trigger", and pages on other origins cannot use it', async () => {
    const response = await fetch(`${receiver.url}/webhooks/trigger`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: JSON.stringify({ template: 'github.push', target_url: `${receiver.url}/webhooks/x`, signing: 'unsigned' }),
    });
    expect(response.status).toBe(403);
    expect((await response.json()).title).toBe('Origin Not Allowed');
  });
});
