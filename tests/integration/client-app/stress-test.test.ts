import type { RunningServer } from '../../../src/kit';
import { startClientApp, startImageApi } from './running-servers';

let imageApi: RunningServer;
let client: RunningServer;

beforeAll(async () => {
  imageApi = await startImageApi(); // the image API's own default: 50 uploads per user per rolling hour
  client = await startClientApp(imageApi.url);
});

afterAll(async () => {
  await client?.close();
  await imageApi?.close();
});

describe('the stress test against the real image API', () => {
  it('sees exactly 50 of 51 uploads accepted and the 51st rate-limited for a fresh user', async () => {
    // the seed's example: curl -X POST .../api/stress-test -F "user_id=test-user-123" -F "count=51"
    const form = new FormData();
    form.append('user_id', 'fresh-stress-user');
    form.append('count', '51');
    const res = await fetch(`${client.url}/api/stress-test`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report).toMatchObject({ user_id: 'fresh-stress-user', total: 51, accepted: 50, rate_limited: 1, errors: 0 });
    expect(report.retry_after).toBeGreaterThan(3590);
    expect(report.retry_after).toBeLessThanOrEqual(3600);

    const history = await (await fetch(`${client.url}/api/history?user_id=fresh-stress-user&limit=200`)).json();
    expect(history.total).toBe(51);
    const statuses = history.items.map((entry: { http_status: number }) => entry.http_status);
    expect(statuses.filter((status: number) => status === 202)).toHaveLength(50);
    expect(statuses.filter((status: number) => status === 429)).toHaveLength(1);
    expect(history.items.every((entry: { source: string }) => entry.source === 'stress-test')).toBe(true);
  });
});
