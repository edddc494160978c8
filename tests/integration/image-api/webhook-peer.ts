import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export const WEBHOOK_SECRET = 'webhook-secret-123';

export interface ReceivedWebhook {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The hex HMAC in X-Webhook-Signature matches the body. */
  seedSignatureValid: boolean;
  /** The standardwebhooks library accepts the webhook-* headers. */
  standardSignatureValid: boolean;
}

/**
 * The test's webhook peer: a bare node:http receiver that keeps every delivery and checks both
 * signature schemes independently of the code under test. It answers `statuses` in turn, then 200.
 */
export async function startWebhookPeer(secret = WEBHOOK_SECRET, statuses: number[] = []) {
  const received: ReceivedWebhook[] = [];
  const verifier = new Webhook(Buffer.from(secret, 'utf8'), { format: 'raw' });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const expected = createHmac('sha256', secret).update(body).digest();
      const given = Buffer.from(String(req.headers['x-webhook-signature'] ?? ''), 'hex');
      let standardSignatureValid = true;
      try {
        verifier.verify(body, req.headers as Record<string, string>);
      } catch {
        standardSignatureValid = false;
      }
      received.push({
        path: req.url ?? '',
        headers: req.headers,
        body,
        seedSignatureValid: given.length === expected.length && timingSafeEqual(given, expected),
        standardSignatureValid,
      });
      res.statusCode = statuses.shift() ?? 200;
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    urlTemplate: `http://127.0.0.1:${port}/webhooks/{client}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
