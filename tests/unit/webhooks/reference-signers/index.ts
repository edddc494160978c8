import { execFileSync } from 'node:child_process';
import path from 'node:path';
import Stripe from 'stripe';
import { Webhook } from 'standardwebhooks';

/**
 * Signatures made by each scheme's own tooling, so the receiver is tested against what real
 * senders produce rather than against its own signing code.
 */

/** The body the seed's Python snippet signs: json.dumps puts a space after ':' and ','. */
export const SEED_SNIPPET_BODY = '{"event_type": "image.processed", "image_id": "123"}';

/** Runs the seed README's Python snippet and returns the X-Webhook-Signature it prints. */
export function seedSnippetSignature(): string {
  const output = execFileSync('python3', [path.join(__dirname, 'seed-snippet.py')], { encoding: 'utf8' });
  const match = /^X-Webhook-Signature: ([0-9a-f]{64})$/m.exec(output);
  if (!match) throw new Error(`unexpected snippet output: ${output}`);
  return match[1];
}

/** GitHub's signature as @octokit/webhooks-methods computes it. */
export function octokitSignature(secret: string, body: string): string {
  return execFileSync(process.execPath, [path.join(__dirname, 'octokit-sign.js'), secret], { input: body, encoding: 'utf8' });
}

/** Whether @octokit/webhooks-methods' verify accepts `signature` (an X-Hub-Signature-256 value) for the body. */
export function octokitVerifies(secret: string, body: string, signature: string): boolean {
  return execFileSync(process.execPath, [path.join(__dirname, 'octokit-verify.js'), secret, signature], { input: body, encoding: 'utf8' }) === 'true';
}

/** Standard Webhooks headers from the `standardwebhooks` library. */
export function standardWebhooksHeaders(secret: string, body: string, options: { id?: string; at?: Date } = {}): Record<string, string> {
  // The library base64-decodes any secret unless told it is raw; the receiver uses a
  // non-whsec_ secret as its raw bytes, so say so.
  const webhook = secret.startsWith('whsec_') ? new Webhook(secret) : new Webhook(secret, { format: 'raw' });
  const id = options.id ?? `msg_${Math.random().toString(36).slice(2)}`;
  const at = options.at ?? new Date();
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': webhook.sign(id, at, body),
  };
}

/** Verifies with the `standardwebhooks` library; throws when it refuses. */
export function verifyWithStandardWebhooks(secret: string, body: string, headers: Record<string, string>): void {
  const webhook = secret.startsWith('whsec_') ? new Webhook(secret) : new Webhook(secret, { format: 'raw' });
  webhook.verify(body, headers);
}

const stripe = new Stripe('sk_test_standin');

/** A Stripe-Signature header from stripe.webhooks.generateTestHeaderString. */
export function stripeSignatureHeader(secret: string, body: string, timestampS?: number): string {
  return stripe.webhooks.generateTestHeaderString({ payload: body, secret, ...(timestampS === undefined ? {} : { timestamp: timestampS }) });
}

/** Verifies with Stripe's library; throws when it refuses. */
export function verifyWithStripe(secret: string, body: string, header: string): void {
  stripe.webhooks.constructEvent(body, header, secret);
}
