import type { components } from '../../../generated/webhook-receiver';
import { listen, type RunningServer } from '../../../src/kit';
import { createWebhookApp } from '../../../src/handlers/webhooks/app';
import { readWebhookConfig } from '../../../src/webhooks/config';
import { gradientJpeg, imageForm, startImageApi, startS3Mock, tokenFor, upload, waitForJob } from './image-api-harness';

// The image API's webhooks as the project's own webhook receiver sees them: stored, and verified.
describe('the image API and the webhook receiver', () => {
  let s3: RunningServer;
  let receiver: RunningServer;
  let api: RunningServer;

  beforeAll(async () => {
    [s3, receiver] = await Promise.all([
      startS3Mock(),
      listen(() => createWebhookApp(readWebhookConfig({ STORAGE: 'memory', LOG_LEVEL: 'silent', WEBHOOK_REQUIRE_SIGNATURE: 'true' })), { port: 0 }),
    ]);
    api = await startImageApi({ AWS_ENDPOINT_URL: s3.url, WEBHOOK_URL: `${receiver.url}/webhooks/{client}` });
  });
  afterAll(async () => {
    await api.close();
    await Promise.all([s3.close(), receiver.close()]);
  });

  it('delivers image.processed to /webhooks/{client} with a signature the receiver verifies', async () => {
    const token = tokenFor('gallery-user', { client_id: 'gallery-app' });
    const accepted = await (await upload(api.url, imageForm(await gradientJpeg(640, 480)), token)).json();
    await waitForJob(api.url, accepted.job_id, token, (job) => job.status === 'completed');

    const stored = await pollEvents(`${receiver.url}/webhooks/events?client_id=gallery-app`);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      client_id: 'gallery-app',
      event_type: 'image.processed',
      signature_verified: true,
      payload: { job_id: accepted.job_id, image_id: accepted.image_id, status: 'completed' },
    });
    expect(stored[0].delivery_id).toBe((stored[0].payload as { event_id: string }).event_id);
  });
});

type StoredEvent = components['schemas']['Event'];

async function pollEvents(url: string): Promise<StoredEvent[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { events } = await (await fetch(url)).json();
    if (events.length > 0 || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
