import { useStandin } from '../../support/standin-harness';
import { gradientJpeg, imageForm, storedEvents, tokenFor, upload, waitForJob } from './image-api-requests';

// The image API's webhooks as the project's own webhook receiver sees them: stored, and verified.
describe('the image API and the webhook receiver', () => {
  // start() points the image API at this S3 mock and at this receiver's /webhooks/{client}.
  const standin = useStandin({ servers: ['s3', 'webhooks', 'image-api'], env: { WEBHOOK_REQUIRE_SIGNATURE: 'true' } });

  it('delivers image.processed to /webhooks/{client} with a signature the receiver verifies', async () => {
    const token = tokenFor('gallery-user', { client_id: 'gallery-app' });
    const api = standin.urls['image-api']!;
    const accepted = await (await upload(api, imageForm(await gradientJpeg(640, 480)), token)).json();
    await waitForJob(api, accepted.job_id, token, (job) => job.status === 'completed');

    const stored = await storedEvents(standin.urls.webhooks!, 'gallery-app');
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
