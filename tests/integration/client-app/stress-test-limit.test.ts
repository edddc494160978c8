import type { RunningServer } from '../../../src/kit';
import { eventually } from '../../support/eventually';
import { startServer } from '../../support/standin-harness';
import { startHoldingImageApi, type HoldingImageApi } from './holding-image-api';
import { stressTestReport } from './stress-test-run';

// An image API that holds every upload until the test lets them go: the runs the test starts
// stay under way for as long as it needs them to.
let imageApi: HoldingImageApi;
let client: RunningServer;

beforeAll(async () => {
  imageApi = await startHoldingImageApi(() => true);
  client = await startServer('client', { env: { IMAGE_API_URL: imageApi.url, STRESS_TEST_MAX_RUNS: '2' } });
});
afterAll(async () => {
  imageApi.release();
  await client.close();
  await imageApi.close();
});

const startRun = (userId: string) => stressTestReport(client.url, { user_id: userId, count: 1, concurrency: 1 });

describe('stress tests at once', () => {
  it('refuses one more than STRESS_TEST_MAX_RUNS with a 429 problem, sending nothing, and takes it again once a run has ended', async () => {
    const runs = [startRun('first-runner'), startRun('second-runner')];
    await eventually(() => imageApi.held === 2, { what: 'both runs to have their upload held by the image API' });

    const refused = await fetch(`${client.url}/api/stress-test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: 'third-runner', count: 5, concurrency: 5 }),
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refused.json()).toMatchObject({
      title: 'Too Many Stress Tests',
      status: 429,
      detail: expect.stringContaining('STRESS_TEST_MAX_RUNS'),
      max_runs: 2,
    });
    expect(imageApi.uploads).toBe(2);

    imageApi.release();
    await Promise.all(runs);
    const later = startRun('later-runner');
    await eventually(() => imageApi.held === 1, { what: 'the later run\'s upload to reach the image API' });
    imageApi.release();
    expect(await later).toMatchObject({ user_id: 'later-runner', accepted: 1 });
  });
});
