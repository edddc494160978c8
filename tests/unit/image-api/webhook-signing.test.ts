import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { signWebhook } from '../../../src/image-api/webhook-signing';
import { standardWebhooksKey } from '../../../src/kit/standard-webhooks-secret';

const body = JSON.stringify({ event_type: 'image.processed', job_id: 'j-1' });

describe('signWebhook', () => {
  it('signs the raw body with a hex HMAC-SHA256 in X-Webhook-Signature (the seed scheme)', () => {
    const headers = signWebhook(body, 'msg_1', new Date(), 'webhook-secret-123');
    expect(headers['X-Webhook-Signature']).toBe(createHmac('sha256', 'webhook-secret-123').update(body).digest('hex'));
  });

  it('produces Standard Webhooks headers the standardwebhooks library verifies (raw UTF-8 secret)', () => {
    const headers = signWebhook(body, 'msg_1', new Date(), 'webhook-secret-123');
    const verifier = new Webhook(Buffer.from('webhook-secret-123', 'utf8'), { format: 'raw' });
    expect(verifier.verify(body, headers)).toEqual(JSON.parse(body));
    expect(headers['webhook-id']).toBe('msg_1');
  });

  it('decodes a whsec_ secret, as Standard Webhooks defines it', () => {
    const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
    const headers = signWebhook(body, 'msg_2', new Date(), secret);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(standardWebhooksKey(secret).toString()).toBe('0123456789abcdef0123456789abcdef');
  });

  it('signs the same bytes as the library does for the same id and time', () => {
    const sentAt = new Date('2025-01-15T10:30:00Z');
    const headers = signWebhook(body, 'msg_3', sentAt, 'webhook-secret-123');
    const librarySignature = new Webhook(Buffer.from('webhook-secret-123'), { format: 'raw' }).sign('msg_3', sentAt, body);
    expect(headers['webhook-signature']).toBe(librarySignature);
    expect(headers['webhook-timestamp']).toBe(String(sentAt.getTime() / 1000));
  });
});
