import { useStandin } from '../../support/standin-harness';
import { IMAGE_API_ALONE } from './image-api-alone';

// the image API's own default: 50 uploads per user per rolling hour
const standin = useStandin({ servers: ['image-api', 'client'], env: IMAGE_API_ALONE });

describe('the stress test against the real image API', () => {
  it('sees exactly 50 of 51 uploads accepted and the 51st rate-limited for a fresh user', async () => {
    // the seed's example: curl -X POST .../api/stress-test -F "user_id=test-user-123" -F "count=51"
    const form = new FormData();
    form.append('user_id', 'fresh-stress-user');
    form.append('count', '51');
    const res = await fetch(`${standin.urls.client}/api/stress-test`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report).toMatchObject({ user_id: 'fresh-stress-user', total: 51, accepted: 50, rate_limited: 1, errors: 0 });
    expect(report.retry_after).toBeGreaterThan(3590);
    expect(report.retry_after).toBeLessThanOrEqual(3600);

    const history = await (await fetch(`${standin.urls.client}/api/history?user_id=fresh-stress-user&limit=200`)).json();
    expect(history.total).toBe(51);
    const statuses = history.items.map((entry: { http_status: number }) => entry.http_status);
    expect(statuses.filter((status: number) => status === 202)).toHaveLength(50);
    expect(statuses.filter((status: number) => status === 429)).toHaveLength(1);
    expect(history.items.every((entry: { source: string }) => entry.source === 'stress-test')).toBe(true);
  });
});
