import { imageApiCallbacks } from '../callback-contracts';
import type { SchemeName } from '../signature-schemes';

/** A webhook a sender emits, ready to be edited and sent as a signed test event. */
export interface TestEventTemplate {
  /** What `standin trigger <name>` and the API call it, e.g. `github.push`. */
  name: string;
  /** Who sends it, in words. */
  sender: string;
  /** The event type the receiver will file it under. */
  eventType: string;
  /** The scheme that sender signs with. */
  scheme: SchemeName;
  /** Headers the sender adds besides its signature, e.g. X-GitHub-Event. */
  headers: Record<string, string>;
  contentType: string;
  /** The body, pretty-printed JSON. */
  body: string;
}

const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Bodies shaped as each sender documents its events, trimmed to the fields apps read
 * (docs.github.com "Webhook events and payloads", docs.stripe.com "Event object",
 * standardwebhooks.com's payload structure).
 */
const PROVIDER_TEMPLATES: readonly TestEventTemplate[] = [
  {
    name: 'github.push', sender: 'GitHub', eventType: 'push', scheme: 'github',
    headers: { 'X-GitHub-Event': 'push', 'X-GitHub-Delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958', 'User-Agent': 'GitHub-Hookshot/standin' },
    contentType: 'application/json',
    body: pretty({
      ref: 'refs/heads/main',
      before: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
      after: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
      repository: { id: 1296269, name: 'Hello-World', full_name: 'octocat/Hello-World', private: false },
      pusher: { name: 'octocat', email: 'octocat@github.com' },
      commits: [{ id: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c', message: 'Update README', author: { name: 'The Octocat', email: 'octocat@github.com' } }],
    }),
  },
  {
    name: 'github.pull_request', sender: 'GitHub', eventType: 'pull_request', scheme: 'github',
    headers: { 'X-GitHub-Event': 'pull_request', 'X-GitHub-Delivery': '9b8e2f1a-cc78-11e3-81ab-4c9367dc0958', 'User-Agent': 'GitHub-Hookshot/standin' },
    contentType: 'application/json',
    body: pretty({
      action: 'opened',
      number: 1347,
      pull_request: { id: 1, number: 1347, state: 'open', title: 'Amazing new feature', user: { login: 'octocat' }, head: { ref: 'new-topic' }, base: { ref: 'main' } },
      repository: { id: 1296269, name: 'Hello-World', full_name: 'octocat/Hello-World', private: false },
      sender: { login: 'octocat' },
    }),
  },
  {
    name: 'stripe.payment_intent.succeeded', sender: 'Stripe', eventType: 'payment_intent.succeeded', scheme: 'stripe',
    headers: { 'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
    contentType: 'application/json; charset=utf-8',
    body: pretty({
      id: 'evt_3MtwBwLkdIwHu7ix0snN0B15', object: 'event', api_version: '2024-06-20', created: 1680064028, type: 'payment_intent.succeeded', livemode: false,
      data: { object: { id: 'pi_3MtwBwLkdIwHu7ix28a3tqPa', object: 'payment_intent', amount: 2000, amount_received: 2000, currency: 'usd', status: 'succeeded' } },
    }),
  },
  {
    name: 'stripe.charge.failed', sender: 'Stripe', eventType: 'charge.failed', scheme: 'stripe',
    headers: { 'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
    contentType: 'application/json; charset=utf-8',
    body: pretty({
      id: 'evt_1NG8Du2eZvKYlo2CUI79vXWy', object: 'event', api_version: '2024-06-20', created: 1686089970, type: 'charge.failed', livemode: false,
      data: { object: { id: 'ch_3MmlLrLkdIwHu7ix0snN0B15', object: 'charge', amount: 1099, currency: 'usd', status: 'failed', failure_code: 'card_declined', failure_message: 'Your card was declined.' } },
    }),
  },
  {
    name: 'standard-webhooks.generic', sender: 'any Standard Webhooks sender', eventType: 'user.created', scheme: 'standard-webhooks',
    headers: {},
    contentType: 'application/json',
    body: pretty({ type: 'user.created', timestamp: '2025-01-01T12:00:00.000Z', data: { id: 'usr_1', email: 'ada@example.com' } }),
  },
];

/** The image API's events come from its contract: the callbacks' examples, as it signs them. */
async function imageApiTemplates(): Promise<TestEventTemplate[]> {
  return (await imageApiCallbacks()).filter((callback) => callback.eventType !== null).map((callback) => ({
    name: callback.eventType as string,
    sender: 'the image API (openapi/image-api.yaml)',
    eventType: callback.eventType as string,
    scheme: 'standard-webhooks',
    headers: {},
    contentType: 'application/json',
    body: pretty(callback.example),
  }));
}

export async function testEventTemplates(): Promise<TestEventTemplate[]> {
  return [...(await imageApiTemplates()), ...PROVIDER_TEMPLATES];
}
