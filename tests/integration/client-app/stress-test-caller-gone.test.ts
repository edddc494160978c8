import http from 'node:http';
import type { RunningServer } from '../../../src/kit';
import { eventually } from '../../support/eventually';
import { startServer } from '../../support/standin-harness';
import { activityOf, readEvents } from './event-stream';
import { startHoldingImageApi, type HoldingImageApi } from './holding-image-api';

// An image API that holds the first upload until the test lets it go and takes every later one
// at once: a run whose caller is still there would send them all.
const COUNT = 100;
let imageApi: HoldingImageApi;
let client: RunningServer;

beforeAll(async () => {
  imageApi = await startHoldingImageApi((upload) => upload === 1);
  client = await startServer('client', { env: { IMAGE_API_URL: imageApi.url } });
});
afterAll(async () => {
  await client.close();
  await imageApi.close();
});

describe('a stress test whose caller goes away', () => {
  it('sends no more uploads, and says so in the live log', async () => {
    const caller = http.request(`${client.url}/api/stress-test`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } });
    caller.on('error', () => undefined); // destroyed by the test
    caller.end(JSON.stringify({ user_id: 'leaving-stress-user', count: COUNT, concurrency: 1 }));
    await eventually(() => imageApi.held === 1, { what: 'the first upload to reach the image API' });
    caller.destroy();
    imageApi.release();

    const { events } = await readEvents(`${client.url}/api/logs/stream`, (seen) => activityOf(seen).some((entry) => entry.kind === 'stress.finished'));
    const finished = activityOf(events).find((entry) => entry.kind === 'stress.finished');
    expect(finished?.message).toMatch(/uploads not sent, as its caller went away$/);
    expect(imageApi.uploads).toBeLessThan(COUNT);
    expect(finished?.data).toMatchObject({ user_id: 'leaving-stress-user', total: COUNT, accepted: imageApi.uploads, not_sent: COUNT - imageApi.uploads });
  });
});
