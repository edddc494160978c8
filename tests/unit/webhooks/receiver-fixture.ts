import type { Delivery } from '../../../src/webhooks/delivery-receiver';
import { WebhookReceiver, type ReceiverConfig, type ReceiverOptions } from '../../../src/webhooks/webhook-receiver';

export const DEFAULT_SECRET = 'webhook-secret-123';

export const MEMORY_CONFIG: ReceiverConfig = {
  storage: 'memory',
  dataDir: '',
  secret: DEFAULT_SECRET,
  requireSignature: false,
  replayAllow: [],
  replayTimeoutMs: 2000,
  forwardTo: '',
  forwardMaxAttempts: 5,
  forwardRetryBaseMs: 1000,
  forwardTimeoutMs: 2000,
};

const open: WebhookReceiver[] = [];
afterEach(() => {
  for (const receiver of open.splice(0)) receiver.close();
});

/** A receiver on an in-memory database (closed after each test), with a clock the test moves. */
export function memoryReceiver(config: Partial<ReceiverConfig> = {}, options: ReceiverOptions = {}) {
  const clock = { now: Date.UTC(2025, 0, 1, 12, 0, 0) };
  const receiver = new WebhookReceiver({ ...MEMORY_CONFIG, ...config }, { now: () => clock.now, ...options });
  open.push(receiver);
  return { receiver, clock };
}

/** A delivery as the HTTP adapter would hand it over. */
export function delivery(clientId: string, body: string | Buffer, headers: Record<string, string> = {}): Delivery {
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return {
    clientId,
    method: 'POST',
    path: `/webhooks/${clientId}`,
    headers: { 'content-type': 'application/json', ...lower },
    rawHeaders: [['Content-Type', 'application/json'], ...Object.entries(headers)],
    body: Buffer.isBuffer(body) ? body : Buffer.from(body),
  };
}
