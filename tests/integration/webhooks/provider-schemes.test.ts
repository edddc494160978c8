import twilio from 'twilio';
import type { RunningServer } from '../../../src/kit';
import { useStandin } from '../../support/standin-harness';
import { postWebhook, putJson } from './receiver-requests';

const standin = useStandin({ servers: ['webhooks'] });
const receiver = () => standin.servers.webhooks as RunningServer;

describe('Twilio over HTTP', () => {
  const TOKEN = 'twilio-auth-token';
  const FORM = 'Body=Hello&From=%2B15005550006&MessageSid=SM123&To=%2B15005550001';

  beforeAll(async () => {
    await putJson(`${receiver().url}/webhooks/clients/sms`, { scheme: 'twilio', secret: TOKEN });
  });

  it('verifies a form delivery signed over the URL the sender called, query string included', async () => {
    const url = `${receiver().url}/webhooks/sms?account=main`;
    const signature = twilio.getExpectedTwilioSignature(TOKEN, url, Object.fromEntries(new URLSearchParams(FORM)));
    const { status, json } = await postWebhook(receiver().url, 'sms?account=main', FORM, { 'content-type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature });
    expect(status).toBe(200);
    expect(json.signature).toMatchObject({ scheme: 'twilio', status: 'valid' });
  });

  it('verifies a delivery made through a tunnel that reports the public URL in X-Forwarded-*', async () => {
    const url = 'https://abc123.tunnel.example/webhooks/sms';
    const signature = twilio.getExpectedTwilioSignature(TOKEN, url, Object.fromEntries(new URLSearchParams(FORM)));
    const { status } = await postWebhook(receiver().url, 'sms', FORM, {
      'content-type': 'application/x-www-form-urlencoded',
      'X-Twilio-Signature': signature,
      'X-Forwarded-Proto': 'https',
      'X-Forwarded-Host': 'abc123.tunnel.example',
    });
    expect(status).toBe(200);
  });

  it("verifies a signature over the URL with or without its default port, as twilio's validateRequest does", async () => {
    const tunnel = { 'content-type': 'application/x-www-form-urlencoded', 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'abc123.tunnel.example' };
    const params = Object.fromEntries(new URLSearchParams(FORM));
    const withPort = twilio.getExpectedTwilioSignature(TOKEN, 'https://abc123.tunnel.example:443/webhooks/sms', params);
    expect(twilio.validateRequest(TOKEN, withPort, 'https://abc123.tunnel.example/webhooks/sms', params)).toBe(true);
    expect((await postWebhook(receiver().url, 'sms', FORM, { ...tunnel, 'X-Twilio-Signature': withPort })).json.signature).toMatchObject({ status: 'valid' });

    const withoutPort = twilio.getExpectedTwilioSignature(TOKEN, 'https://abc123.tunnel.example/webhooks/sms', params);
    const addressedWithPort = { ...tunnel, 'X-Forwarded-Host': 'abc123.tunnel.example:443', 'X-Twilio-Signature': withoutPort };
    expect((await postWebhook(receiver().url, 'sms', FORM, addressedWithPort)).json.signature).toMatchObject({ status: 'valid' });
  });

  it('rejects a signature made for another URL with 401 and the reason', async () => {
    const signature = twilio.getExpectedTwilioSignature(TOKEN, 'http://elsewhere.example/hook', Object.fromEntries(new URLSearchParams(FORM)));
    const { status, json } = await postWebhook(receiver().url, 'sms', FORM, { 'content-type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature });
    expect(status).toBe(401);
    expect(json.detail).toMatch(/does not match the HMAC-SHA1 of http:\/\/127\.0\.0\.1:\d+\/webhooks\/sms/);
  });
});
